import type { PreparedArticle } from "../domain/article.ts";
import { prepareArticle } from "./prepare.ts";
import { readSafely, reasonOf } from "./read-safely.ts";

/** One file read and its articles prepared: what a read worker hands back (structured-cloneable). */
export interface PreparedFile {
  problems: { origin: string; reason: string }[];
  notes: string[];
  /** In the file's order: each article prepared, or why it could not be. */
  articles: ({ origin: string; prepared: PreparedArticle } | { origin: string; reason: string })[];
}

/** Reads a file and prepares its articles (cleaning, summary), as an import does. */
export async function readAndPrepare(file: string, summaryMaxChars: number): Promise<PreparedFile> {
  const read = await readSafely(file);
  return {
    problems: read.problems,
    notes: read.notes ?? [],
    articles: read.inputs.map((input) => {
      try {
        return { origin: input.origin, prepared: prepareArticle(input, { summaryMaxChars }) };
      } catch (error) {
        return { origin: input.origin, reason: reasonOf(error) };
      }
    }),
  };
}
