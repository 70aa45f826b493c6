import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ingest } from "../../src/ingest/ingest.ts";
import { createLogger } from "../../src/log.ts";
import { articleStore, FIXTURES } from "../support/articles.ts";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ingest-"));
}

describe("importing a folder of article files", () => {
  it("imports the good files and reports each bad one with its file and reason", async () => {
    const { ingest, articles, clock } = articleStore("2026-02-01T00:00:00Z");
    const report = await ingest.importPaths([FIXTURES]);

    expect(report.imported).toBe(6);
    expect(report.failed.map((f) => path.relative(FIXTURES, f.origin)).sort()).toEqual([
      "casse.json",
      "photo.txt",
      "revue-presse.json[1]",
    ]);
    const reasons = Object.fromEntries(
      report.failed.map((f) => [path.basename(f.origin), f.reason]),
    );
    expect(reasons["casse.json"]).toMatch(/JSON invalide ligne 4, colonne \d+/);
    expect(reasons["photo.txt"]).toMatch(/binaire/);
    expect(reasons["revue-presse.json[1]"]).toMatch(/titre manquant/);
    expect(report.skipped.map((f) => path.basename(f))).toEqual(["export.csv"]);

    const titles = articles.latest({ now: clock.now(), limit: 10 }).map((a) => a.title);
    expect(titles).toContain("Sénégal : une campagne de vaccination contre la rougeole à Dakar");
    // The draft is stored but never shown to readers.
    expect(titles).not.toContain("Niger : reprise des cours dans les écoles de Niamey");
    expect(articles.list({ limit: 10 }).map((a) => a.title)).toContain(
      "Niger : reprise des cours dans les écoles de Niamey",
    );
  });

  it("reports its progress file by file (a progress bar that starts at the first file)", async () => {
    const { ingest } = articleStore("2026-02-01T00:00:00Z");
    const seen: [number, number][] = [];
    await ingest.importPaths([FIXTURES], { onProgress: (done, total) => seen.push([done, total]) });
    const total = seen[0]?.[1] ?? 0;
    expect(total).toBeGreaterThan(3);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });

  it("reads a .txt file that is a saved HTML page as an HTML page", async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(FIXTURES, "rubriques/abidjan-port.html"), path.join(dir, "page.txt"));
    const { ingest, articles } = articleStore("2026-02-01T00:00:00Z");
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    const [stored] = articles.list({ limit: 1 });
    expect(stored?.title).toMatch(/Abidjan/);
    expect(articles.get(stored?.id ?? 0)?.bodyText).not.toMatch(/<p|<div/);
  });

  it("reads Windows-1252/Latin-1 text, breadcrumbs and dateline included", async () => {
    const { ingest, articles } = articleStore();
    const report = await ingest.importPaths([path.join(FIXTURES, "dakar-vaccination-latin1.txt")]);
    const a = articles.get(report.changedIds[0] ?? 0);
    expect(a?.categories).toEqual(["Société", "Santé"]);
    expect(a?.dateline).toBe("Dakar, 5 mars 2025");
    expect(a?.summary).toContain(
      "Le ministère de la Santé lance lundi une campagne de vaccination",
    );
  });

  it("reads Markdown with front matter: fields, headings, lists, and drops 'À lire aussi'", async () => {
    const { ingest, articles } = articleStore();
    const report = await ingest.importPaths([path.join(FIXTURES, "rubriques/sport-can.md")]);
    const a = articles.get(report.changedIds[0] ?? 0);
    expect(a).toMatchObject({
      title: "CAN 2025 : les Aigles du Mali qualifiés pour les quarts de finale",
      categories: ["Sport", "Football"],
      author: "Moussa Diarra",
      url: "https://exemple-info.ml/sport/can-2025-mali-quarts",
      dateline: "Rabat, 10 janvier 2026",
      keyPoints: [
        "Prochain match : vendredi à Casablanca",
        "Adversaire : le vainqueur de Maroc–Ghana",
      ],
    });
    expect(a?.bodyText).toContain("Un match sous tension");
    expect(a?.bodyText).not.toMatch(/lire aussi|\*\*/i);
  });

  it("reads a saved HTML page: metadata, article body, no navigation, script or noise", async () => {
    const { ingest, articles } = articleStore();
    const report = await ingest.importPaths([path.join(FIXTURES, "rubriques/abidjan-port.html")]);
    const a = articles.get(report.changedIds[0] ?? 0);
    expect(a).toMatchObject({
      title: "Côte d'Ivoire : le port d'Abidjan bat un record de trafic",
      categories: ["Économie", "Côte d'Ivoire"],
      url: "https://exemple-info.ci/economie/port-abidjan-record",
    });
    expect(a?.publishedAt.toISOString()).toBe("2025-02-20T09:00:00.000Z");
    expect(a?.bodyText).not.toMatch(/Accueil|_paq|Publicité|Suivez-nous|©/);
    expect(a?.bodyText).toContain("6,2\u00a0%");
  });

  it("rejects an unsupported extension, a missing path, an empty body and a 5 MB file", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "notes.docx"), "PK");
    fs.writeFileSync(
      path.join(dir, "vide.json"),
      JSON.stringify({ title: "Titre seul", body: "  " }),
    );
    fs.writeFileSync(
      path.join(dir, "enorme.txt"),
      `Titre\n\n${"Un texte très long. ".repeat(270_000)}`,
    );
    const { ingest } = articleStore();
    const report = await ingest.importPaths([
      path.join(dir, "notes.docx"),
      path.join(dir, "absent.txt"),
      path.join(dir, "vide.json"),
      path.join(dir, "enorme.txt"),
    ]);
    expect(report.imported).toBe(0);
    const reasons = report.failed.map((f) => `${path.basename(f.origin)}: ${f.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^absent\.txt: introuvable/),
      expect.stringMatching(/^notes\.docx: extension « \.docx » non prise en charge/),
      expect.stringMatching(/^vide\.json: corps vide/),
      expect.stringMatching(/^enorme\.txt: fichier trop gros \(5,\d Mo, limite 2,0 Mo\)/),
    ]);
  });

  it("updates a changed article in place and keeps its id; an unchanged one is a no-op", async () => {
    const dir = tempDir();
    const file = path.join(dir, "article.json");
    const write = (body: string) =>
      fs.writeFileSync(
        file,
        JSON.stringify({ title: "Mali : le barrage de Sélingué rouvert", guid: "p-77", body }),
      );
    const { ingest, articles } = articleStore();
    write("Le barrage de Sélingué a rouvert lundi après des travaux de six mois.");
    const first = await ingest.importPaths([file]);
    write("Le barrage de Sélingué a rouvert lundi après des travaux de sept mois.");
    const second = await ingest.importPaths([file]);
    const third = await ingest.importPaths([file]);
    expect(first.imported).toBe(1);
    expect(second).toMatchObject({ imported: 0, updated: 1 });
    expect(second.changedIds).toEqual(first.changedIds);
    expect(third).toMatchObject({ unchanged: 1, changedIds: [] });
    expect(articles.get(first.changedIds[0] ?? 0)?.summary).toContain("sept mois");
  });

  it("stores a future-dated article but publishes it only when its time comes", async () => {
    const { ingest, articles, clock } = articleStore("2025-04-01T10:00:00Z");
    ingest.importOne({
      title: "Conseil des ministres : communiqué de vendredi",
      body: "Le Conseil des ministres s'est réuni vendredi sous la présidence du chef de l'État.",
      publishedAt: new Date("2025-04-04T18:00:00Z"),
      origin: "test",
    });
    expect(articles.latest({ now: clock.now(), limit: 5 })).toEqual([]);
    expect(articles.counts(clock.now())).toMatchObject({ total: 1, scheduled: 1, published: 0 });
    clock.set("2025-04-04T18:00:01Z");
    expect(articles.latest({ now: clock.now(), limit: 5 })).toHaveLength(1);
  });
});

describe("the import's own log", () => {
  it("leaves the report to the caller: nothing at info level (start-up said it twice)", async () => {
    const { articles, clock } = articleStore();
    const lines: string[] = [];
    const destination = new (await import("node:stream")).Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: "info", format: "json", destination });
    const ingest = new Ingest({ articles, clock, log, summaryMaxChars: 280 });
    const report = await ingest.importPaths([FIXTURES]);
    expect(report.imported).toBeGreaterThan(0);
    expect(lines.filter((l) => /import|articles/i.test(l) && /"level":30/.test(l))).toEqual([]);
  });
});
