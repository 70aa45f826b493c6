import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { previewPaths } from "../../../src/ingest/preview.ts";

// Real pages from 40 West African news sites, labelled (not in the repository: third-party text).
// Beside the checkout (../shared); SHARED_DATASETS points elsewhere (a git worktree).
const dir = path.resolve(
  process.env.SHARED_DATASETS ?? path.resolve(process.cwd(), "../shared/datasets"),
  "wa-pages",
);
const present = fs.existsSync(path.join(dir, "labels.jsonl"));
if (!present) console.warn(`wa-pages test skipped: ${dir} is absent`);

const ws = (s: unknown) =>
  String(s ?? "")
    .replace(/[\u00a0\u202f]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");

describe.skipIf(!present)("real newsroom pages (../shared/datasets/wa-pages)", () => {
  it("imports them with the right title, date and complete body", async () => {
    const labels = fs
      .readFileSync(path.join(dir, "labels.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const lines = await previewPaths([path.join(dir, "pages")], { summaryMaxChars: 280 });
    const byFile = new Map(lines.map((l) => [path.basename(l.file), l]));
    let imported = 0;
    let titles = 0;
    let titled = 0;
    let dates = 0;
    let dated = 0;
    let bodies = 0;
    for (const label of labels) {
      const got = byFile.get(label.file);
      if (!got || got.error) continue;
      imported++;
      if (label.title) {
        titled++;
        if (ws(got.title) === ws(label.title)) titles++;
      }
      if (label.published) {
        dated++;
        if (got.publishedAt?.slice(0, 10) === label.published) dates++;
      }
      const body = ws(got.body);
      if (body.includes(ws(label.body_first)) && body.includes(ws(label.body_last))) bodies++;
    }
    expect(imported / labels.length).toBeGreaterThanOrEqual(0.95);
    expect(titles / titled).toBeGreaterThanOrEqual(0.95);
    expect(dates / dated).toBeGreaterThanOrEqual(0.9);
    expect(bodies / labels.length).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
