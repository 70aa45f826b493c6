/**
 * The finite verb forms learned from OrangeSum's training articles (`npm run learn:verbs`,
 * `scripts/learn-verb-forms.ts`): words seen after « il », « elles », « on », « ne ».
 */
import { readFileSync } from "node:fs";
import { AppError } from "../../domain/errors.ts";

const HINT = "relancez « npm run learn:verbs » (ou restaurez src/ingest/summary/verb-forms.json)";

export const DEFAULT_VERB_FORMS_URL = new URL("./verb-forms.json", import.meta.url);

/** Reads a verb-forms artefact: `{"forms": ["bat", "prévoit", …]}`. */
export function loadVerbForms(url: URL | string = DEFAULT_VERB_FORMS_URL): ReadonlySet<string> {
  let forms: unknown;
  try {
    forms = (JSON.parse(readFileSync(url, "utf8")) as { forms?: unknown }).forms;
  } catch (error) {
    throw new AppError(
      "SUMMARY_MODEL_INVALID",
      `${String(url)} : formes verbales illisibles (${(error as Error).message})`,
      { hint: HINT, cause: error },
    );
  }
  if (!Array.isArray(forms) || !forms.every((f) => typeof f === "string")) {
    throw new AppError(
      "SUMMARY_MODEL_INVALID",
      `${String(url)} : « forms » doit être une liste de mots`,
      { hint: HINT },
    );
  }
  return new Set(forms as string[]);
}

/**
 * The shipped forms, read on first use and kept: immutable data (~30 KB), like a constant
 * table, shared by every summary of the process, as the summary model is.
 */
let shipped: ReadonlySet<string> | undefined;
export function shippedVerbForms(): ReadonlySet<string> {
  shipped ??= loadVerbForms();
  return shipped;
}
