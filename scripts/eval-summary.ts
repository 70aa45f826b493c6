/**
 * Scores our extractive summary (the trained model) against the OrangeSum abstracts, next to
 * the Lead-1 and Lead-2 baselines and the hand-tuned heuristic it replaced, on the same cleaned
 * text and the same sentence splitter, and times it.
 *
 *   npm run eval:summary -- [--file path] [--limit N] [--max-chars N] [--model path]
 */
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanBody } from "../src/ingest/clean.ts";
import { summarizeText } from "../src/ingest/prepare.ts";
import { loadSummaryModel } from "../src/ingest/summary/model.ts";
import { type RougeScore, rouge } from "../src/ingest/summary/rouge.ts";
import { splitSentences } from "../src/ingest/summary/sentences.ts";
import { summarize as summarizeModel } from "../src/ingest/summary/summary.ts";
import { summarize as summarizeHeuristic } from "./lib/heuristic-summary.ts";

interface Row {
  id: string;
  title: string;
  article: string;
  abstract: string;
}

/** Cleaned body paragraphs of a raw article, through the project's cleaner (as ingestion does). */
function paragraphsOf(raw: string): string[] {
  return cleanBody(raw).flatMap((block) => (block.kind === "paragraph" ? [block.text] : []));
}

function parseRow(line: string, lineNumber: number): Row {
  const value: unknown = JSON.parse(line);
  const row = value as Partial<Record<keyof Row, unknown>>;
  if (
    typeof row.title !== "string" ||
    typeof row.article !== "string" ||
    typeof row.abstract !== "string"
  ) {
    throw new Error(`line ${lineNumber}: expected title, article and abstract strings`);
  }
  return {
    id: String(row.id ?? lineNumber),
    title: row.title,
    article: row.article,
    abstract: row.abstract,
  };
}

class Mean {
  private r1 = 0;
  private r2 = 0;
  private rl = 0;
  private chars = 0;
  private n = 0;
  add(score: RougeScore, summary: string): void {
    this.r1 += score.r1;
    this.r2 += score.r2;
    this.rl += score.rl;
    this.chars += summary.length;
    this.n++;
  }
  cells(): string[] {
    const n = Math.max(1, this.n);
    return [this.r1 / n, this.r2 / n, this.rl / n, this.chars / n].map((x) => x.toFixed(1));
  }
}

// The shared datasets folder sits beside the repository checkout.
const defaultDataset = fileURLToPath(
  new URL("../../shared/datasets/orangesum/valid.jsonl", import.meta.url),
);

function main(): void {
  const { values } = parseArgs({
    options: {
      file: { type: "string", default: defaultDataset },
      limit: { type: "string" },
      "max-chars": { type: "string", default: "280" },
      model: { type: "string" },
    },
  });
  const maxChars = Number(values["max-chars"]);
  const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
  if (!Number.isInteger(maxChars) || maxChars <= 0)
    throw new Error("--max-chars: a positive integer");
  if (!(limit > 0)) throw new Error("--limit: a positive integer");

  if (!existsSync(values.file)) {
    console.error(`${values.file}: not found. Point --file at OrangeSum's valid.jsonl.`);
    process.exit(2);
  }
  const rows = readFileSync(values.file, "utf8")
    .split("\n")
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line !== "")
    .slice(0, limit)
    .map(({ line, index }) => parseRow(line, index + 1));

  // Loaded once, before the clock starts, as the bot does at its first summary.
  const model = values.model === undefined ? undefined : loadSummaryModel(values.model);
  const ours = new Mean();
  const heuristic = new Mean();
  const lead1 = new Mean();
  const lead2 = new Mean();
  let summarizeMs = 0;
  let overLimit = 0;
  for (const row of rows) {
    const paragraphs = paragraphsOf(row.article);
    const sentences = paragraphs.flatMap(splitSentences);
    const started = performance.now();
    // Ours goes through the whole import pipeline, exactly as `cli summarize --jsonl` does.
    const summary =
      model === undefined
        ? summarizeText(row.title, row.article, maxChars)
        : summarizeModel({ title: row.title, paragraphs }, { maxChars, model });
    summarizeMs += performance.now() - started;
    const old = summarizeHeuristic({ title: row.title, paragraphs }, { maxChars });
    heuristic.add(rouge(old, row.abstract), old);
    if (summary.length > maxChars) overLimit++;
    ours.add(rouge(summary, row.abstract), summary);
    const first = sentences.slice(0, 1).join(" ");
    const firstTwo = sentences.slice(0, 2).join(" ");
    lead1.add(rouge(first, row.abstract), first);
    lead2.add(rouge(firstTwo, row.abstract), firstTwo);
  }

  const table = [
    ["", "R1", "R2", "RL", "chars"],
    ["Lead-1", ...lead1.cells()],
    ["Lead-2", ...lead2.cells()],
    ["old heuristic", ...heuristic.cells()],
    [`model (≤${maxChars})`, ...ours.cells()],
  ];
  console.log(`${rows.length} articles from ${values.file}`);
  for (const line of table) {
    console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(14) : cell.padStart(7))).join(""));
  }
  const perArticle = rows.length === 0 ? 0 : summarizeMs / rows.length;
  const path = model === undefined ? "cleaning + summary, as an import does" : "summary alone";
  console.log(
    `model: ${perArticle.toFixed(3)} ms/article (${path}); over ${maxChars} chars: ${overLimit}`,
  );
}

main();
