/**
 * Learns the finite verb forms French news prose uses from OrangeSum's training articles: a
 * word that follows a subject pronoun (« il bat », « elles dénoncent », « on prévoit ») or the
 * negation (« ne reçoit pas ») at least `--min` times, and that is not a function word or a
 * number, is a conjugated verb. The summary's verb check (`readable.ts`) uses the list to tell
 * « La campagne bat son plein. » (a sentence) from « Mauvais été pour les compagnies. » (a
 * fragment) without a tagger. Deterministic: the same corpus gives the same file.
 *
 *   npm run learn:verbs -- [--train path] [--min 3] [--share 0.05] [--out path]
 *
 * `--share`: of a word's lowercase occurrences, how many must follow a pronoun or « ne »; below
 * it the word is mostly something else (« le vote », « le président »).
 */
import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { FUNCTION_WORDS } from "../src/ingest/summary/features.ts";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const { values } = parseArgs({
  options: {
    train: { type: "string", default: here("../../shared/datasets/orangesum/train.jsonl.gz") },
    min: { type: "string", default: "3" },
    share: { type: "string", default: "0.05" },
    out: { type: "string", default: here("../src/ingest/summary/verb-forms.json") },
  },
});
const min = Number(values.min);
if (!Number.isInteger(min) || min < 1) throw new Error("--min: a positive integer");

/** Subject pronouns and the negation: what comes next is a conjugated verb. */
const BEFORE_VERB = new Set(["il", "elle", "ils", "elles", "on", "ne"]);
/** Clitics and adverbs that may stand between them and the verb: skipped, never counted. */
const BETWEEN = new Set([
  "y",
  "en",
  "le",
  "la",
  "les",
  "lui",
  "leur",
  "se",
  "s",
  "l",
  "n",
  "me",
  "m",
  "te",
  "t",
  "nous",
  "vous",
]);
const WORD = /[\p{L}]+(?:-[\p{L}]+)*/gu;

const counts = new Map<string, number>();
/** Every lowercase occurrence of each word: a form seen mostly elsewhere is a noun (« le vote »). */
const seen = new Map<string, number>();
let articles = 0;
const lines = createInterface({ input: createReadStream(values.train).pipe(createGunzip()) });
for await (const line of lines) {
  if (!line.trim()) continue;
  const row = JSON.parse(line) as { article?: unknown };
  if (typeof row.article !== "string") continue;
  articles++;
  // Words with elisions split (« n'est » → « n », « est »), as the summary tokenizes.
  const words = row.article.replace(/['’]/g, " ").match(WORD) ?? [];
  for (let i = 0; i < words.length - 1; i++) {
    if (!BEFORE_VERB.has((words[i] as string).toLowerCase())) continue;
    let j = i + 1;
    while (j < words.length && BETWEEN.has((words[j] as string).toLowerCase())) j++;
    const next = words[j];
    // A capital is a name (« il Corriere »); infinitives and participles are not finite forms.
    if (next === undefined || next.length < 2 || next !== next.toLowerCase()) continue;
    if (FUNCTION_WORDS.has(next) || BEFORE_VERB.has(next) || /(?:er|ir|ant)$/.test(next)) continue;
    counts.set(next, (counts.get(next) ?? 0) + 1);
  }
  for (const w of words) if (w === w.toLowerCase()) seen.set(w, (seen.get(w) ?? 0) + 1);
}
const share = Number(values.share);
const forms = [...counts]
  .filter(([w, n]) => n >= min && n / (seen.get(w) ?? n) >= share)
  .map(([w]) => w)
  .sort();
writeFileSync(
  values.out,
  `${JSON.stringify({ source: "OrangeSum train split", articles, min, share, forms })}\n`,
);
console.log(
  `${values.out}: ${forms.length} verb forms from ${articles} articles (seen ≥ ${min} times)`,
);
