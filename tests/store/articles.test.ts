import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, StoreError } from "../../src/store/database.ts";
import { articleStore } from "../support/articles.ts";

const body = "Le président a reçu mardi les représentants des syndicats au palais de Koulouba.";

describe("the articles table", () => {
  it("dedupes by guid, else url, else normalised title and day", () => {
    const { ingest } = articleStore();
    const base = { body, origin: "test", publishedAt: new Date("2025-04-01T09:00:00Z") };
    const a = ingest.importOne({ ...base, title: "Syndicats reçus à Koulouba", guid: "g1" });
    const b = ingest.importOne({
      ...base,
      title: "Syndicats reçus à Koulouba (mis à jour)",
      guid: "g1",
    });
    expect(b).toEqual({ id: a.id, outcome: "updated" });

    const c = ingest.importOne({ ...base, title: "Grève levée", url: "https://x.ml/greve" });
    const d = ingest.importOne({ ...base, title: "Grève levée !", url: "https://x.ml/greve" });
    expect(d).toEqual({ id: c.id, outcome: "updated" });

    const e = ingest.importOne({ ...base, title: "Le  Président reçoit les SYNDICATS" });
    const f = ingest.importOne({
      ...base,
      title: "le président reçoit les syndicats",
      body: `${body} Mise à jour.`,
    });
    expect(f).toEqual({ id: e.id, outcome: "updated" });
    const other = ingest.importOne({
      ...base,
      title: "le président reçoit les syndicats",
      publishedAt: new Date("2025-04-08T09:00:00Z"),
    });
    expect(other.outcome).toBe("imported");
  });

  it("keeps two different articles with one title and one day apart (body fingerprint)", () => {
    const { ingest } = articleStore();
    const day = new Date("2025-05-02T09:00:00Z");
    const a = ingest.importOne({ title: "Société", body, origin: "a.txt", publishedAt: day });
    const b = ingest.importOne({
      title: "Société",
      body: "Les enseignants du privé ont repris les cours après trois semaines de grève à Lomé.",
      origin: "b.txt",
      publishedAt: day,
    });
    expect(b.outcome).toBe("imported");
    expect(b.id).not.toBe(a.id);
    // The same file edited (its lead rewritten) still updates in place.
    const a2 = ingest.importOne({
      title: "Société",
      body: `Correction : ${body}`,
      origin: "a.txt",
      publishedAt: day,
    });
    expect(a2).toEqual({ id: a.id, outcome: "updated" });
  });

  it("searches with accents folded and prefixes; any text is a safe query", () => {
    const { ingest, articles, clock } = articleStore();
    ingest.importOne({
      title: "AES-Russie : les ministres du Sahel à Moscou",
      body: "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso sont en Russie.",
      categories: ["Politique"],
      origin: "test",
    });
    const now = clock.now();
    expect(articles.search("sahel russie", { now, limit: 5 })).toHaveLength(1);
    expect(articles.search("ETRANGERES burk", { now, limit: 5 })).toHaveLength(1);
    for (const hostile of [
      '"',
      "*",
      "AND",
      "NEAR(",
      "'; DROP TABLE articles; --",
      "sahel OR",
      "^",
      "",
    ]) {
      expect(() => articles.search(hostile, { now, limit: 5 })).not.toThrow();
    }
    expect(articles.search("'; DROP TABLE articles; --", { now, limit: 5 })).toEqual([]);
    expect(articles.latest({ now, limit: 5 })).toHaveLength(1);
  });

  it("lists the latest by rubric, matched without accents or case", () => {
    const { ingest, articles, clock } = articleStore();
    ingest.importOne({ title: "Budget voté", body, categories: ["Économie"], origin: "t" });
    ingest.importOne({ title: "Match nul à Bamako", body, categories: ["Sport"], origin: "t" });
    const now = clock.now();
    expect(articles.latest({ now, limit: 5, category: "economie" }).map((a) => a.title)).toEqual([
      "Budget voté",
    ]);
    expect(
      articles
        .rubrics(now)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Sport", "Économie"]);
  });

  it("says what to fix when the database path cannot be written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ro-"));
    fs.chmodSync(dir, 0o500);
    const file = path.join(dir, "sub", "suivez.db");
    const isRoot = process.getuid?.() === 0;
    // root ignores permissions: use a path under a regular file instead, which nobody can create.
    const target = isRoot
      ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "f-")), "x", "y.db")
      : file;
    if (isRoot) fs.writeFileSync(`${path.dirname(path.dirname(target))}/x`, "a file, not a folder");
    expect(() => openDatabase(target)).toThrow(StoreError);
    expect(() => openDatabase(target)).toThrow(/DATABASE_PATH ou DATA_DIR/);
  });

  it("applies migrations once and survives reopening", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "suivez-db-")), "suivez.db");
    const db = openDatabase(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = db.prepare("SELECT count(*) FROM schema_migrations").pluck().get();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(applied);
    again.close();
  });
});
