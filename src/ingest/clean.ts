import type { Block } from "../domain/article.ts";
import { cleanInline, comparable, looksLikeHeading } from "../lib/text.ts";
import { splitGluedHeadings } from "./glued-headings.ts";
import { isNoiseLine, stripScript } from "./noise.ts";

const listItem = /^\s*(?:([-*•▪·◦●■►–—])|(\d{1,2})[.)])\s+(\S.*)$/;

/**
 * Plain article text (paragraphs separated by blank lines, as a newsroom's page renders) to
 * structured blocks: paragraphs, sub-headings, lists and quotes, with the noise dropped.
 */
export function cleanBody(raw: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of raw.replace(/\r\n?/g, "\n").split(/\n[ \t\u00a0]*\n/)) {
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
      paragraph = [];
    };
    for (const line of chunk.split("\n")) {
      if (line.trim() === "") continue;
      const item = listItem.exec(line);
      if (item?.[3]) {
        flush();
        const ordered = item[2] !== undefined;
        const last = blocks.at(-1);
        if (last?.kind === "list" && last.ordered === ordered) last.items.push(item[3]);
        else blocks.push({ kind: "list", ordered, items: [item[3]] });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return tidyBlocks(classify(blocks), { inlineDone: true });
}

/**
 * Each line cleaned once; headings and quotes told apart from paragraphs by their shape, and
 * sub-headings run into their paragraph (« …chargeLe chef du gouvernement… ») set apart.
 */
function classify(blocks: Block[]): Block[] {
  return blocks.flatMap((block, i): Block[] => {
    if (block.kind === "list") return [{ ...block, items: block.items.map(cleanInline) }];
    if (block.kind !== "paragraph") return [block];
    const text = cleanInline(block.text);
    if (isQuote(text)) return [{ kind: "quote", text }];
    if (i < blocks.length - 1 && looksLikeHeading(text)) return [{ kind: "heading", text }];
    return splitGluedHeadings(text);
  });
}

function isQuote(text: string): boolean {
  return /^«[^«»]+»[.!?…]?$/.test(text) || /^“[^“”]+”[.!?…]?$/.test(text);
}

/**
 * What every source's blocks go through: inline cleaning, noise and script removal, and the
 * truncated teaser that repeats the first paragraph ("… effectuent depuis…") dropped.
 */
export function tidyBlocks(
  blocks: readonly Block[],
  options: { inlineDone?: boolean } = {},
): Block[] {
  // cleanBody has already cleaned each line while telling headings from paragraphs.
  const inline = options.inlineDone ? (t: string) => t : cleanInline;
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind === "list") {
      const items = block.items.map((t) => stripScript(inline(t))).filter(keep);
      if (items.length > 0) out.push({ ...block, items });
      continue;
    }
    const text = stripScript(inline(block.text));
    if (keep(text)) out.push({ ...block, text });
  }
  return out.filter((block, i) => !isTeaser(block, out.slice(i + 1)));
}

function keep(text: string): boolean {
  return text.length > 0 && !isNoiseLine(text) && /[\p{L}\p{N}]/u.test(text);
}

/** A paragraph cut short with "…" whose words start a later paragraph. */
function isTeaser(block: Block, later: readonly Block[]): boolean {
  if (block.kind !== "paragraph") return false;
  const m = /^(.*?)\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])$/s.exec(block.text);
  if (!m?.[1] || m[1].length < 20) return false;
  const prefix = comparable(m[1]);
  return later.some((b) => b.kind === "paragraph" && comparable(b.text).startsWith(prefix));
}

/** The body as plain text: paragraphs, headings and quotes, list items as "- " lines. */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => (b.kind === "list" ? b.items.map((i) => `- ${i}`).join("\n") : b.text))
    .join("\n\n");
}
