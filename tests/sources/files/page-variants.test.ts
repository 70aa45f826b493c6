import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { type PreviewLine, previewPaths } from "../../../src/ingest/preview.ts";
import {
  ends,
  fold,
  HTML_VARIANTS,
  VARIANTS,
  type Variant,
  type VariantContext,
} from "./page-variants.ts";

// Metamorphic check of the `.txt` page reader: a copy of a page that differs only in harmless
// ways (line ends, encoding, spaces, quotes, wrapping, site furniture around it, its name) must
// read to the same article as the untouched page, through the function `import --dry-run --json`
// calls (previewPaths).

const shared = path.resolve(
  process.env.SHARED_DATASETS ?? path.resolve(process.cwd(), "../shared/datasets"),
  "wa-pages",
);
const present = fs.existsSync(path.join(shared, "labels.jsonl"));
if (!present) console.warn(`page variants on wa-pages skipped: ${shared} is absent`);

const benchmark = path.resolve(
  process.env.SHARED_DATASETS ?? path.resolve(process.cwd(), "../shared/datasets"),
  "article-extraction",
);
const extraction = fs.existsSync(path.join(benchmark, "html"));
if (!extraction)
  console.warn(`page variants on article-extraction skipped: ${benchmark} is absent`);

const fixtures = path.resolve(process.cwd(), "tests/fixtures/pages");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "page-variants-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const options = { summaryMaxChars: 280 };

interface Page {
  file: string;
  text: string;
  /** Furniture lines before the headline and after the body's last line. */
  header: string[];
  footer: string[];
}

/** What a reading gives that a harmless variation must not change. */
function outcome(l: PreviewLine | undefined) {
  if (!l) return { error: "absent" };
  const { first, last } = ends(l.body);
  return {
    error: l.error ?? "",
    title: fold(l.title),
    day: l.publishedAt?.slice(0, 10) ?? "",
    rubrics: l.rubrics.map(fold).join(" | "),
    rubricList: l.rubrics.map(fold),
    first,
    last,
    summary: fold(l.summary),
    text: fold(l.body),
  };
}

/** The untouched reading, its texts as the variant prints them. */
function expected(l: PreviewLine | undefined, as?: (t: string) => string): PreviewLine | undefined {
  if (!l || !as) return l;
  return { ...l, title: as(l.title), body: as(l.body), summary: as(l.summary) };
}

async function readAll(dir: string): Promise<Map<string, PreviewLine>> {
  const lines = await previewPaths([dir], options);
  // One article a page: a page's first line is its article.
  const out = new Map<string, PreviewLine>();
  for (const l of lines) {
    const key = path.basename(l.file);
    if (!out.has(key)) out.set(key, l);
  }
  return out;
}

/**
 * Every variation of every page, read and compared with the untouched page; the differences,
 * one line each (`variant page field: before → after`).
 */
async function differences(
  pages: readonly Page[],
  variants: readonly Variant[] = VARIANTS,
): Promise<string[]> {
  const base = path.join(tmp, `base-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(base);
  for (const p of pages) fs.writeFileSync(path.join(base, p.file), p.text);
  const before = await readAll(base);
  const diffs: string[] = [];
  // Furniture is taken from another page: the next one that has some.
  // A block of at least three lines (from the next pages that have some): one or two label
  // lines alone right above a headline would be its rubric on any page.
  const donor = (i: number, pick: (p: Page) => string[]) => {
    const block: string[] = [];
    for (let k = 1; k < pages.length && block.length < 3; k++) {
      block.push(...pick(pages[(i + k) % pages.length] as Page));
    }
    return block;
  };
  for (const variant of variants) {
    const dir = path.join(base, "..", `${path.basename(base)}-${variant.name}`);
    fs.mkdirSync(dir);
    const renamed = new Map<string, string>();
    pages.forEach((p, i) => {
      const ctx: VariantContext = {
        header: donor(i, (q) => q.header),
        footer: donor(i, (q) => q.footer),
      };
      const { bytes, name } = variant.apply(p.text, ctx);
      const file = name ? `${i}-${name}` : p.file;
      renamed.set(p.file, file);
      fs.writeFileSync(path.join(dir, file), bytes);
    });
    const after = await readAll(dir);
    const found: string[] = [];
    for (const p of pages) {
      const a = outcome(expected(before.get(p.file), variant.expect));
      const b = outcome(after.get(renamed.get(p.file) ?? p.file));
      for (const key of Object.keys(a) as (keyof typeof a)[]) {
        if (key === "rubricList" || key === "text") continue;
        if (key === "summary" && variant.rewraps && a.text === b.text) continue;
        // Text printed shorter or longer: the summary's budget may take a sentence more or less.
        if (
          key === "summary" &&
          variant.expect &&
          ((a.summary ?? "").startsWith(b.summary ?? "") ||
            (b.summary ?? "").startsWith(a.summary ?? ""))
        )
          continue;
        if (key === "rubrics" && variant.addsLabels && a.rubricList && b.rubricList) {
          const own = b.rubricList.slice(b.rubricList.length - a.rubricList.length);
          if (own.join(" | ") === a.rubrics) continue;
        }
        if (a[key] !== b[key]) {
          found.push(
            `${variant.name} ${p.file} ${key}: ${JSON.stringify(a[key])} → ${JSON.stringify(b[key])}`,
          );
        }
      }
    }
    const differing = new Set(found.map((d) => d.split(" ")[1])).size;
    if (differing <= (variant.tolerated ?? 0)) {
      if (found.length > 0) console.log(`tolerated (${variant.name}):\n${found.join("\n")}`);
    } else diffs.push(...found);
  }
  return diffs;
}

/** The furniture of a labelled page: its noise lines before the headline and after the body. */
function furniture(
  text: string,
  label: Record<string, unknown>,
): { header: string[]; footer: string[] } {
  const lines = text.split("\n").map((l) => l.trim());
  const noise = new Set((label.noise as string[]).map((n) => n.trim()));
  const ws = (s: unknown) => String(s ?? "").replace(/\s+/g, " ");
  const first = lines.findIndex((l) =>
    label.title ? ws(l).includes(ws(label.title)) : ws(l).includes(ws(label.body_first)),
  );
  const last = lines.findIndex((l) => ws(l).includes(ws(label.body_last)));
  // Menus, social links, copyright lines: short lines that are not dates (a date above the
  // headline is the article's, legitimately) and not another article's headline or text.
  const isFurniture = (l: string) =>
    (noise.has(l) && l.split(/\s+/).length <= 3 && !/\d/.test(l)) || /©|tous droits/i.test(l);
  return {
    header: first > 0 ? lines.slice(0, first).filter(isFurniture) : [],
    footer: last >= 0 ? lines.slice(last + 1).filter(isFurniture) : [],
  };
}

describe("a .txt page read the same under harmless variations", () => {
  it("on the always-present fixture pages", async () => {
    // Their furniture, for the pages to lend each other.
    const furniture: Record<string, { header: string[]; footer: string[] }> = {
      "a-marche-central.txt": {
        header: ["Aller au contenu principal", "Accueil"],
        footer: ["Partager :", "Facebook", "WhatsApp"],
      },
      "b-forage-village.txt": {
        header: ["Connect with us"],
        footer: ["Accueil", "Contact", "© 2025 Le Journal du Centre. Tous droits réservés"],
      },
    };
    const pages = Object.entries(furniture).map(([file, f]) => ({
      file,
      text: fs.readFileSync(path.join(fixtures, file), "utf8"),
      ...f,
    }));
    // The untouched pages read right (so that reading the same is not reading nothing).
    const read = await previewPaths(
      pages.map((p) => path.join(fixtures, p.file)),
      options,
    );
    expect(
      read.map((l) => [l.title, l.publishedAt?.slice(0, 10) ?? null, l.rubrics, l.author]),
    ).toEqual([
      [
        "Le marché central rouvre ses portes après six mois de travaux",
        "2025-03-12",
        ["Économie"],
        null,
      ],
      ["Un nouveau forage pour les habitants de Diofior", null, ["Société"], "Awa Ndiaye"],
    ]);
    expect(read[0]?.body).toMatch(/^Le marché central de la ville .* voies d’accès\.$/s);
    expect(await differences(pages)).toEqual([]);
  });

  it("on an always-present fixture .html page", async () => {
    const file = "c-pont-fleuve.html";
    const text = fs.readFileSync(path.join(fixtures, file), "utf8");
    const [read] = await previewPaths([path.join(fixtures, file)], options);
    expect([read?.title, read?.publishedAt?.slice(0, 10), read?.rubrics]).toEqual([
      "Un nouveau pont sur le fleuve relie les deux rives",
      "2025-04-18",
      ["Société"],
    ]);
    expect(await differences([{ file, text, header: [], footer: [] }], HTML_VARIANTS)).toEqual([]);
  });

  it.skipIf(!extraction)(
    "on article-extraction dev pages (../shared/datasets/article-extraction)",
    async () => {
      // A third of the pages: the HTML reader is the slow one, and the variants are the point.
      const files = fs
        .readdirSync(path.join(benchmark, "html"))
        .filter((f) => f.endsWith(".html.gz"))
        .sort()
        .filter((_f, i) => i % 3 === 0);
      const pages = files.map((f) => ({
        file: f.replace(/\.gz$/, ""),
        text: zlib.gunzipSync(fs.readFileSync(path.join(benchmark, "html", f))).toString("utf8"),
        header: [],
        footer: [],
      }));
      const diffs = await differences(pages, HTML_VARIANTS);
      if (diffs.length > 0) console.log(diffs.join("\n"));
      expect(diffs).toEqual([]);
    },
    300_000,
  );

  it.skipIf(!present)(
    "on the wa-pages dev pages (../shared/datasets/wa-pages)",
    async () => {
      const labels = fs
        .readFileSync(path.join(shared, "labels.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const pages = labels.map((label) => {
        const file = String(label.file);
        const text = fs.readFileSync(path.join(shared, "pages", file), "utf8");
        return { file, text, ...furniture(text, label) };
      });
      const diffs = await differences(pages);
      if (diffs.length > 0) console.log(diffs.join("\n"));
      expect(diffs).toEqual([]);
    },
    120_000,
  );
});
