import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SEED } from "../../support/articles.ts";
import { freshDataDir, runCli } from "../../support/cli.ts";

describe("cli backup", () => {
  it("writes a checked copy, and refuses to overwrite a file without --force", () => {
    const dataDir = freshDataDir();
    expect(runCli(["import", SEED], { dataDir }).code).toBe(0);
    const copy = path.join(dataDir, "sauvegarde.db");
    const first = runCli(["backup", copy], { dataDir });
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Sauvegarde écrite : .*sauvegarde\.db \(.* Mo, .* s, vérifiée\)/);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare("SELECT title FROM articles").pluck().all()).toEqual([
      "AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique",
    ]);
    db.close();

    fs.writeFileSync(copy, "à garder");
    const again = runCli(["backup", copy], { dataDir });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/existe déjà : rien n'a été écrit.*--force/);
    expect(fs.readFileSync(copy, "utf8")).toBe("à garder");

    expect(runCli(["backup", copy, "--force"], { dataDir }).code).toBe(0);
    expect(fs.readFileSync(copy).subarray(0, 15).toString()).toBe("SQLite format 3");

    const live = runCli(["backup", path.join(dataDir, "suivez.db"), "--force"], { dataDir });
    expect(live.code).toBe(1);
    expect(live.err).toMatch(/base en service/);
  }, 90_000);
});
