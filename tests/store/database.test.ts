import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { listMigrations, openDatabase, StoreError } from "../../src/store/database.ts";

function file(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "suivez-db-")), "suivez.db");
}

describe("opening the database", () => {
  it("refuses a database from a newer version, untouched, saying to update the code", () => {
    const target = file();
    openDatabase(target).close();
    const raw = new Database(target);
    raw
      .prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")
      .run("099-future.sql", 1);
    raw.close();
    expect(() => openDatabase(target)).toThrow(StoreError);
    expect(() => openDatabase(target)).toThrow(/version plus récente.*099-future\.sql.*git pull/s);
    const again = new Database(target);
    expect(again.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(
      listMigrations().length + 1,
    );
    again.close();
  });

  it("refuses another application's SQLite file with a clear message, and leaves it as it was", () => {
    const target = file();
    const other = new Database(target);
    other.exec("CREATE TABLE articles (id INTEGER PRIMARY KEY, body BLOB); CREATE TABLE users (x)");
    other.close();
    const before = readFileSync(target);
    expect(() => openDatabase(target)).toThrow(
      new StoreError(
        `${target} n'est pas une base de suivez-info (elle contient d'autres tables : articles, users). ` +
          "Elle n'a pas été modifiée. Indiquez dans DATABASE_PATH le fichier de suivez-info, ou un chemin nouveau pour en créer une.",
      ),
    );
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it("says a file that is not SQLite at all is not a database", () => {
    const target = file();
    writeFileSync(target, "ceci n'est pas une base ".repeat(200));
    expect(() => openDatabase(target)).toThrow(/n'est pas une base SQLite/);
  });

  it("opens its own database again, and an empty file as a new one", () => {
    const target = file();
    openDatabase(target).close();
    openDatabase(target).close();
    const empty = file();
    writeFileSync(empty, "");
    openDatabase(empty).close();
  });
});
