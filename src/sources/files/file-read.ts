import type { ArticleInput } from "../../domain/article.ts";

/** What one file gave: the articles read, and each part that could not be read, with why. */
export interface FileRead {
  inputs: ArticleInput[];
  problems: { origin: string; reason: string }[];
  /** What was read but left out (other articles of a listing page…), for the operator. */
  notes?: string[];
}
