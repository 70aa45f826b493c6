import { SqliteError } from "better-sqlite3";
import { hasCode } from "../domain/errors.ts";
import { printable } from "../lib/printable.ts";
import { type FileRead, readArticleFile } from "../sources/files/read-file.ts";
import { DISK_FULL_ADVICE, isDiskFull } from "../store/database.ts";

/** A file's articles, or the reason it could not be read, as one of its problems. */
export async function readSafely(file: string): Promise<FileRead> {
  try {
    return await readArticleFile(file);
  } catch (error) {
    return { inputs: [], problems: [{ origin: printable(file), reason: reasonOf(error) }] };
  }
}

export function reasonOf(error: unknown): string {
  if (hasCode(error, "ARTICLE_FILE_INVALID", "ARTICLE_REJECTED")) return error.message;
  if (isDiskFull(error)) return DISK_FULL_ADVICE;
  if (error instanceof SqliteError) {
    return `base de données : ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
