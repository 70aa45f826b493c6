import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "./database.ts";

/** What a backup wrote. */
export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * A consistent copy of the live database, taken while the bot runs (SQLite's online backup
 * API: pages are copied in steps, each step a short read, and a write during the copy
 * restarts it). The copy is written beside the destination and renamed into place once
 * checked (`PRAGMA quick_check`), so a failed or interrupted backup never leaves a half file
 * under the name asked for. The copy is one file (rollback journal, not WAL). The caller decides whether an existing file may be replaced.
 */
export async function backupDatabase(
  db: Database.Database,
  destination: string,
): Promise<BackupResult> {
  const file = path.resolve(destination);
  const dir = path.dirname(file);
  const partial = path.join(dir, `.${path.basename(file)}.${process.pid}.part`);
  try {
    await db.backup(partial);
    // One self-contained file (the live base is in WAL mode, and so would be the copy): it
    // can be copied, mailed or restored as it is; the bot puts it back in WAL when it opens it.
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
      const [check] = copy.pragma("quick_check") as { quick_check: string }[];
      if (check?.quick_check !== "ok") {
        throw new StoreError(`la copie est abîmée (${check?.quick_check ?? "?"})`);
      }
    } finally {
      copy.close();
    }
    fs.renameSync(partial, file);
  } catch (cause) {
    fs.rmSync(partial, { force: true });
    throw new StoreError(
      `Sauvegarde impossible vers ${destination} : ${(cause as Error).message}. Vérifiez la place libre et les droits du dossier.`,
      { cause },
    );
  }
  return { file, bytes: fs.statSync(file).size };
}
