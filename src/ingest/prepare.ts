import { createHash } from "node:crypto";
import type { ArticleInput, Block, PreparedArticle } from "../domain/article.ts";
import { AppError, type AppErrorOptions } from "../domain/errors.ts";
import { cleanInline, uniqueCaseless } from "../lib/text.ts";
import { truncate } from "../lib/truncate.ts";
import { blocksToText, cleanBody } from "./clean.ts";
import { extractDateline } from "./dateline.ts";
import { htmlToBlocks } from "./html.ts";
import { splitSentences } from "./summary/sentences.ts";
import { needsContext, summarize } from "./summary/summary.ts";

export interface PrepareOptions {
  /** The summary's length bound (SUMMARY_MAX_CHARS). */
  summaryMaxChars: number;
}

/** Why an input cannot become an article (nothing left after cleaning, no title…). */
export class ArticleRejected extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("ARTICLE_REJECTED", message, options);
  }
}

const MAX_KEY_POINTS = 5;
const MAX_KEY_POINT_CHARS = 200;

/**
 * Turns what a source read into a stored-ready article: body cleaned into blocks, dateline
 * found, key points taken from the article's own lists, extractive summary, content hash.
 */
export function prepareArticle(input: ArticleInput, options: PrepareOptions): PreparedArticle {
  const given = stripTitleNoise(cleanInline(input.title));
  const raw: Block[] = input.html ? htmlToBlocks(input.html) : cleanBody(input.body ?? "");
  // A page copied without its headline: the lead sentence stands in (flagged for the operator).
  const lead = !given && input.untitled ? leadSentence(raw) : "";
  const title = given || (lead ? truncate(lead.replace(/[.]$/, ""), LEAD_TITLE_CHARS) : "");
  if (!title) throw new ArticleRejected("titre vide après nettoyage : donnez un titre à l'article");
  // A page often repeats its title as the first line of the body.
  // (Only when more follows: a feed item with a headline and no text keeps its headline.)
  const withoutTitle =
    raw.length > 1 && raw[0] && "text" in raw[0] && raw[0].text === title ? raw.slice(1) : raw;
  const { dateline, blocks } = extractDateline(withoutTitle);
  const paragraphs = blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
  if (blocks.length === 0) {
    throw new ArticleRejected("corps vide après nettoyage : l'article n'a pas de texte");
  }
  const prose =
    paragraphs.length > 0
      ? paragraphs
      : blocks.map((b) => (b.kind === "list" ? b.items.join(" ; ") : b.text));
  const summary = summaryOf(title, prose, lead, options.summaryMaxChars);
  const categories = uniqueCaseless((input.categories ?? []).map(cleanInline).filter(Boolean));
  const prepared: Omit<PreparedArticle, "contentHash"> = {
    title,
    categories,
    author: clean(input.author),
    dateline: clean(input.dateline) ?? dateline?.text ?? null,
    publishedAt: input.publishedAt ?? dateline?.date ?? null,
    status: input.status ?? "published",
    url: clean(input.url),
    guid: clean(input.guid),
    image: clean(input.image),
    blocks,
    bodyText: blocksToText(blocks),
    keyPoints: keyPoints(blocks),
    summary,
    origin: input.origin,
  };
  const { origin: _origin, ...hashed } = prepared;
  const contentHash = createHash("sha256").update(JSON.stringify(hashed)).digest("hex");
  return { ...prepared, contentHash };
}

const LEAD_TITLE_CHARS = 120;

/**
 * A stand-in title is the lead sentence: the summary is drawn from what follows, or the reader
 * would read the same sentence twice, unless what follows only gives a cut sentence: then
 * the whole body's pick, or that cut sentence when it reads on its own and the whole body's
 * pick is the lead again.
 */
function summaryOf(
  title: string,
  prose: readonly string[],
  lead: string,
  maxChars: number,
): string {
  const whole = () => summarize({ title, paragraphs: prose }, { maxChars });
  if (!lead) return whole();
  const after = summarize({ title, paragraphs: withoutLead(prose, lead) }, { maxChars });
  const cut = after.endsWith("…") && !prose.join(" ").includes(after);
  if (!cut) return after;
  const all = whole();
  return all === lead && !needsContext(after, 1) ? after : all;
}

/** The first sentence of the first paragraph (a page's stand-in title, once shortened). */
function leadSentence(blocks: readonly Block[]): string {
  const first = blocks.find((b) => b.kind === "paragraph");
  if (first?.kind !== "paragraph") return "";
  // The summary's splitter: it knows « févr. », « M. », initials and decimals. Sentences of
  // fewer than 20 characters (« Dakar. ») are read with the next one.
  let lead = "";
  for (const sentence of splitSentences(first.text)) {
    lead = lead === "" ? sentence : `${lead} ${sentence}`;
    if (lead.length >= 20) break;
  }
  return lead !== "" && first.text.startsWith(lead) ? lead : first.text;
}

/** The paragraphs without the lead sentence (as they are when it is not found, or is all they hold). */
function withoutLead(paragraphs: readonly string[], lead: string): readonly string[] {
  const index = paragraphs.findIndex((p) => p.startsWith(lead));
  if (index < 0) return paragraphs;
  const rest = (paragraphs[index] as string).slice(lead.length).trim();
  const left = [
    ...paragraphs.slice(0, index),
    ...(rest ? [rest] : []),
    ...paragraphs.slice(index + 1),
  ];
  return left.length > 0 ? left : paragraphs;
}

/** The article's own first list (of at least two items): its key points, as the author wrote them. */
function keyPoints(blocks: readonly Block[]): string[] {
  const list = blocks.find((b) => b.kind === "list" && b.items.length >= 2);
  if (list?.kind !== "list") return [];
  return list.items.slice(0, MAX_KEY_POINTS).map((item) => {
    // List items often end with ";" or "," and start lowercase: as key points they stand alone.
    let point = item.replace(/\s*[;,.]$/, "");
    point = point.charAt(0).toUpperCase() + point.slice(1);
    return truncate(point, MAX_KEY_POINT_CHARS);
  });
}

/** The site name some CMSs append to titles ("Titre - Exemple Info", "Titre | Journal.ml"). */
function stripTitleNoise(title: string): string {
  return title.replace(/\s+[|–—-]\s+[^|–—-]{2,40}$/, (suffix) =>
    /^\s+[|–—-]\s+\p{Lu}[\p{L}.' ]{1,38}$/u.test(suffix) &&
    /\b(info|news|journal|actu|presse|\.(com|net|org|fr|ml|sn|ci|bf|ne))\b/i.test(suffix)
      ? ""
      : suffix,
  );
}

function clean(value: string | undefined): string | null {
  const s = value === undefined ? "" : cleanInline(value);
  return s === "" ? null : s;
}

/**
 * The summary of a raw article text alone, through the same cleaning as every import
 * (`cli summarize --jsonl`, the evaluation). An article with no usable body gets its title.
 */
export function summarizeText(title: string, text: string, summaryMaxChars: number): string {
  try {
    return prepareArticle({ title, body: text, origin: "text" }, { summaryMaxChars }).summary;
  } catch (error) {
    if (!(error instanceof ArticleRejected)) throw error;
    const clean = cleanInline(title);
    // A title with no space to cut at is cut anyway: a summary is never empty.
    return truncate(clean, summaryMaxChars) || `${clean.slice(0, summaryMaxChars - 1)}…`;
  }
}
