import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { AppError, type AppErrorOptions } from "../domain/errors.ts";

export type { Database as Db } from "better-sqlite3";

/** The database could not be opened or migrated: the message says what to fix. */
export class StoreError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("STORE_UNAVAILABLE", message, options);
  }
}

/** Whether SQLite refused to write because the disk (or the database's size limit) is full. */
export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SQLITE_FULL";
}

/** What an operator reads when the disk is full: what to do, and that nothing queued is lost. */
export const DISK_FULL_ADVICE =
  "Disque plein : la base de données ne peut plus rien enregistrer. Libérez de la place sur le " +
  "disque qui contient la base (DATABASE_PATH : anciennes sauvegardes, journaux) ; tout reprend " +
  "seul ensuite, et rien de ce qui est déjà en file n'est perdu.";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** The numbered SQL migrations shipped with the code, in order. */
export function listMigrations(dir = migrationsDir): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), "utf8") }));
}

/**
 * Opens (creating if needed) the SQLite store in WAL mode and applies pending migrations,
 * each in its own transaction. `:memory:` works for tests.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") {
    const dir = path.dirname(path.resolve(file));
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (cause) {
      throw new StoreError(
        `Impossible d'écrire la base de données dans ${dir} : ${(cause as Error).message}. ` +
          "Choisissez un dossier accessible en écriture (DATABASE_PATH ou DATA_DIR dans .env).",
        { cause },
      );
    }
  }
  let db: Database.Database;
  try {
    db = new Database(file);
    // Before any pragma writes to it: another application's file stays as it was.
    db.pragma("busy_timeout = 5000");
    try {
      checkCompatible(db, listMigrations());
    } catch (error) {
      db.close();
      throw error;
    }
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    // SQLite checkpoints inside whichever commit fills the WAL past the threshold: at the default
    // (1,000 pages) that is a reader's reply every ~125 messages, ~10 ms late. A larger WAL moves
    // that work to the scheduled checkpoint job (src/app/jobs.ts) almost always.
    db.pragma("wal_autocheckpoint = 10000");
    // 8 MB of page cache (better-sqlite3's default is 16): the hot pages of 100,000 articles and
    // subscribers fit, and the bot stays small on a small server.
    db.pragma("cache_size = -8000");
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    if ((cause as { code?: unknown }).code === "SQLITE_NOTADB") {
      throw new StoreError(
        `${file} n'est pas une base SQLite (fichier d'un autre type, ou abîmé). Il n'a pas été ` +
          "modifié. Indiquez dans DATABASE_PATH le fichier de suivez-info, ou restaurez une sauvegarde.",
        { cause },
      );
    }
    throw new StoreError(
      `Impossible d'ouvrir la base de données ${file} : ${(cause as Error).message}. ` +
        "Vérifiez le chemin et les droits (DATABASE_PATH dans .env).",
      { cause },
    );
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `La base de données ${file} n'a pas pu être mise à jour : ${(error as Error).message}. ` +
        "Restaurez une sauvegarde, ou vérifiez que DATABASE_PATH désigne bien la base de suivez-info.",
      { cause: error },
    );
  }
  return db;
}

/**
 * Refuses a database this code must not touch: one written by a newer version (migrations it
 * does not know: running on would mis-read it and the newer code could not go back), or a
 * SQLite file of another application (tables but no migration record).
 */
function checkCompatible(db: Database.Database, migrations: readonly { name: string }[]): void {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const name = db.name;
  if (!tables.includes("schema_migrations")) {
    if (tables.length === 0) return;
    const shown = tables.slice(0, 5).join(", ") + (tables.length > 5 ? ", …" : "");
    throw new StoreError(
      `${name} n'est pas une base de suivez-info (elle contient d'autres tables : ${shown}). ` +
        "Elle n'a pas été modifiée. Indiquez dans DATABASE_PATH le fichier de suivez-info, " +
        "ou un chemin nouveau pour en créer une.",
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = (
    db.prepare("SELECT name FROM schema_migrations ORDER BY name").pluck().all() as string[]
  ).filter((m) => !known.has(m));
  if (unknown.length > 0) {
    const last = migrations.at(-1)?.name ?? "aucune";
    throw new StoreError(
      `La base ${name} vient d'une version plus récente de suivez-info (étapes ${unknown.join(", ")} ; ` +
        `cette version s'arrête à ${last}). Elle n'a pas été modifiée. Mettez le code à jour ` +
        "(git pull puis npm ci), ou utilisez une sauvegarde faite par cette version.",
    );
  }
}

/** Applies the migrations not yet recorded in `schema_migrations`. */
export function migrate(db: Database.Database, migrations = listMigrations()): string[] {
  checkCompatible(db, migrations);
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const done = new Set(db.prepare("SELECT name FROM schema_migrations").pluck().all() as string[]);
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(
        m.name,
        Date.now(),
      );
    })();
    applied.push(m.name);
  }
  return applied;
}

/** The migrations recorded in this database, with when each was applied. */
export function appliedMigrations(db: Database.Database): { name: string; appliedAt: Date }[] {
  return (
    db.prepare("SELECT name, applied_at FROM schema_migrations ORDER BY name").all() as {
      name: string;
      applied_at: number;
    }[]
  ).map((r) => ({ name: r.name, appliedAt: new Date(r.applied_at) }));
}

/** Proves the file is writable and not stuck behind another writer (takes and drops the lock). */
export function checkWritable(db: Database.Database): void {
  db.exec("BEGIN IMMEDIATE; ROLLBACK;");
}

/**
 * Writes the WAL back into the database; false when readers or a writer kept part of it.
 * TRUNCATE (the timed job) also empties the WAL file, so it does not grow during long
 * broadcasts; PASSIVE (between an import's commits) never waits for anyone.
 */
export function checkpointWal(
  db: Database.Database,
  mode: "TRUNCATE" | "PASSIVE" = "TRUNCATE",
): boolean {
  const [result] = db.pragma(`wal_checkpoint(${mode})`) as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return !result?.busy && result?.log === result?.checkpointed;
}
