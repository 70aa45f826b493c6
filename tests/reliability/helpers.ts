/**
 * Checks shared by the reliability suite (vitest) and `npm run soak` (tsx): no vitest here, so
 * the soak can run the very same scenarios for longer.
 */
import type { Database } from "better-sqlite3";

/** `PRAGMA integrity_check` and the FTS5 index's own check: "ok", or what is wrong. */
export function integrity(db: Database): string {
  const pages = db.pragma("integrity_check", { simple: true });
  if (pages !== "ok") return `integrity_check : ${String(pages)}`;
  try {
    db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')");
  } catch (error) {
    return `articles_fts : ${(error as Error).message}`;
  }
  return "ok";
}

/** How many times each value occurs, and the values seen more than once. */
export function tally<T>(values: Iterable<T>): { counts: Map<T, number>; repeated: T[] } {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { counts, repeated: [...counts].filter(([, n]) => n > 1).map(([v]) => v) };
}

const LINK = /https?:\/\/\S+|www\.\S+/gi;

/**
 * WhatsApp markup that does not pair up, line by line: an odd number of `*`, `_` or `~`
 * outside links (links are left byte for byte and WhatsApp does not format inside them).
 */
export function unbalancedMarkup(text: string): string[] {
  const problems: string[] = [];
  for (const line of text.split("\n")) {
    const plain = line.replace(LINK, "");
    for (const marker of ["*", "_", "~"]) {
      if (plain.split(marker).length % 2 === 0) problems.push(`${marker} impair : ${line}`);
    }
  }
  return problems;
}

/** Waits (in real time) until `condition` holds; throws after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
