import type { Block } from "../domain/article.ts";
import { findDate } from "../lib/french-dates.ts";

// "Moscou, 2 avril 2025 – ", "BAMAKO, le 1er mars 2024 (AFP) - ", "Dakar, 4 août (APS) – ",
// "Abidjan, 19-02-2024 (lepointsur.com) Emerse…", "Ouagadougou, 22 mars 2025 (AIB) – ",
// "Kaolack, 2025-03-12 (ANS) – ".
const datelinePattern =
  /^((\p{Lu}[\p{L}'’. -]{1,40}?),\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:le\s+)?(\d{1,2}(?:er)?\s*[-–]?\s*\p{L}+\.?(?:\s*[-–]?\s*\d{4})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}))\s*(?:\(([^()]{2,40})\)\s*)?(?:[-–—:]\s+|(?=\p{Lu}))/u;

export interface Dateline {
  /** As written: "Moscou, 2 avril 2025". */
  text: string;
  /** The day it names, at noon UTC (the hour is not in a dateline). */
  date: Date | null;
}

/**
 * Finds the dateline that opens the first paragraph and removes it from the text. A date
 * without a year (« Dakar, 4 août (APS) – ») gets the latest year in which that day is not
 * after `now`.
 */
export function extractDateline(
  blocks: readonly Block[],
  now: Date = new Date(),
): {
  dateline: Dateline | null;
  blocks: Block[];
} {
  const index = blocks.findIndex((b) => b.kind === "paragraph");
  const first = blocks[index];
  if (first?.kind !== "paragraph") return { dateline: null, blocks: [...blocks] };
  const m = datelinePattern.exec(first.text);
  const rest = m ? first.text.slice(m[0].length).trim() : "";
  if (!m?.[1] || !m[3] || rest.length === 0) return { dateline: null, blocks: [...blocks] };
  const found = findDate(m[3], now, first.text);
  // "Zinder, Politique – …" is not a dateline: the part after the comma must be a date.
  if (!found) return { dateline: null, blocks: [...blocks] };
  const text = m[1].replace(/\s+/g, " ");
  const out = [...blocks];
  out[index] = { kind: "paragraph", text: rest.charAt(0).toUpperCase() + rest.slice(1) };
  return { dateline: { text, date: found.date }, blocks: out };
}
