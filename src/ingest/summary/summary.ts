/**
 * Extractive summary: the one or two article sentences, copied verbatim (never rewritten), that
 * a model trained on OrangeSum's authors' summaries expects to match a human summary best,
 * among those that fit the budget and read on their own.
 *
 * How: each word of the article's first sentences gets its chance of being in the summary
 * (logistic regression on title, repetition, position and corpus statistics); each candidate
 * (one sentence or a pair that continues) gets a score from its expected overlap, length and
 * position (linear regression); the best candidate that reads on its own wins. See
 * `features.ts`, `model.ts`, `selection.ts`, `readable.ts` and `scripts/train-summary.ts`.
 */
import { truncate } from "../../lib/truncate.ts";
import { loadSummaryModel, type SummaryModel } from "./model.ts";
import { best, candidates } from "./selection.ts";

export { needsContext, readsWhole } from "./readable.ts";

export interface SummaryInput {
  title: string;
  /** Cleaned body prose, no headings or lists. */
  paragraphs: readonly string[];
}

export interface SummaryOptions {
  /** Hard limit on the summary length in characters (the app uses 280). */
  maxChars: number;
  /** The trained model; the one shipped in the repository by default. */
  model?: SummaryModel;
}

/**
 * The shipped model, read on first use and kept: it is immutable data (~1 MB of JSON, parsed
 * in ~20 ms), like a constant table, so every summary of the process shares one copy.
 */
let shipped: SummaryModel | undefined;
/** The shipped model, read on the first call only: the bot calls it at start-up to fail early. */
export function shippedSummaryModel(): SummaryModel {
  shipped ??= loadSummaryModel();
  return shipped;
}

/** A short extractive summary: 1–2 sentences of the article, verbatim, at most maxChars. */
export function summarize(input: SummaryInput, options: SummaryOptions): string {
  const maxChars = Math.max(1, Math.floor(options.maxChars));
  const model = options.model ?? shippedSummaryModel();
  const found = candidates(input.title, input.paragraphs, maxChars, model);
  const top = best(found.candidates, model);
  if (top?.tier === 0) return top.text;
  // Nothing that fits reads on its own: a sentence that does, too long and cut at a word
  // boundary, reads better than one that needs what came before. No sentence fits at all: the
  // most promising one, cut. None usable: the title.
  // Every usable sentence alone: those that fit, and those too long (computed only now).
  const single = best(
    [...found.candidates.filter((c) => c.parts.length === 1), ...found.overlong()],
    model,
  );
  if (top !== undefined && single?.tier !== 0) return top.text;
  const title = input.title.trim();
  const text = single?.text ?? (title !== "" ? title : (found.sentences[0]?.text ?? ""));
  return truncate(text, maxChars, { hard: true });
}
