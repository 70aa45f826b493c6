/**
 * Times a summary with two model files side by side, in one process, rounds alternating
 * (A B A B …), on OrangeSum's validation articles: what the lexical term costs per article.
 *
 *   npx tsx scripts/time-lexical.ts A.json B.json [--rounds 5] [--file valid.jsonl]
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanBody } from "../src/ingest/clean.ts";
import { loadSummaryModel } from "../src/ingest/summary/model.ts";
import { summarize } from "../src/ingest/summary/summary.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "5" },
    file: {
      type: "string",
      default: fileURLToPath(
        new URL("../../shared/datasets/orangesum/valid.jsonl", import.meta.url),
      ),
    },
  },
});
const articles = readFileSync(values.file, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const row = JSON.parse(line) as { title: string; article: string };
    const paragraphs = cleanBody(row.article).flatMap((b) =>
      b.kind === "paragraph" ? [b.text] : [],
    );
    return { title: row.title, paragraphs };
  });
const models = positionals.map((path) => ({
  path,
  model: loadSummaryModel(path),
  ms: [] as number[],
}));
for (let round = 0; round <= Number(values.rounds); round++) {
  for (const m of models) {
    const started = performance.now();
    for (const a of articles) summarize(a, { maxChars: 280, model: m.model });
    // Round 0 warms up (the words' terms are computed at first use).
    if (round > 0) m.ms.push((performance.now() - started) / articles.length);
  }
}
for (const m of models) {
  const sorted = [...m.ms].sort((a, b) => a - b);
  console.log(
    `${m.path}: median ${(sorted[Math.floor(sorted.length / 2)] as number).toFixed(3)} ms/article (min ${(sorted[0] as number).toFixed(3)}, max ${(sorted[sorted.length - 1] as number).toFixed(3)})`,
  );
}
