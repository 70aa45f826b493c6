import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { ArticleInput } from "../../domain/article.ts";
import { htmlDepth, MAX_HTML_DEPTH } from "../../lib/html-depth.ts";
import { stripInert } from "../../lib/html-inert.ts";
import { ArticleFileError } from "./errors.ts";
import { webAddress } from "./fields.ts";
import type { FileRead } from "./file-read.ts";
import { type MetadataElements, readPageMetadata } from "./page-metadata.ts";

// biome-ignore lint/suspicious/noExplicitAny: linkedom's DOM is typed loosely; we use a few members.
type El = any;

/**
 * Page chrome named by its class or id: captions and credits, share bars, "related" and
 * "more" lists, newsletter and subscription boxes, ads, bylines and date bars, comments.
 */
const CHROME =
  /(?:^|[\s_-])(?:caption|credit|share|sharing|social|related|recommend|newsletter|subscri|signup|promo|advert|ads?|sponsor|byline|author|dateline|timestamp|published|meta|tags?|breadcrumbs?|comments?|disqus|outbrain|taboola|popup|modal|cookie|consent|toolbar|print|more-?from|read-?more|also|trending|popular|widget|sidebar|footer|embed-?code|inline-?(?:link|promo)|rating|correction|disclaimer)(?:$|[\s_-]|s\b)/i;

/** Classes kept (our chrome filter reads them); metadata is read by us (readPageMetadata). */
const READABILITY = {
  keepClasses: true,
  charThreshold: 300,
  disableJSONLD: true,
  // The article's element itself, not its HTML: cleanContent works on it without a second parse.
  serializer: (el: El) => el,
};

/** A line whose text is mostly links is a menu or a list of other articles. */
const LINK_DENSITY = 0.7;

/** The same, for names that glue words ("InlineImage-imageEmbedCredit", "shareBar"). */
const CHROME_PART =
  /caption|credit|byline|newsletter|subscribe|promo|advert|sponsor|related|social|sharing|sharebar|share-|cookie|consent|outbrain|taboola|disqus|comment/i;

/** Elements that are never article text. */
const DROP = "figcaption, aside, nav, footer, form, button, noscript, iframe, svg";
const DROP_TAGS = new Set(DROP.split(", "));

/** A saved `.html` article page: body by Mozilla's Readability, fields from the page's metadata. */
export function readHtmlPage(page: string, file: string): FileRead {
  const html = stripInert(page);
  if (htmlDepth(html) > MAX_HTML_DEPTH) {
    throw new ArticleFileError(
      file,
      `page HTML imbriquée sur plus de ${MAX_HTML_DEPTH} niveaux : ce n'est pas une page d'article, exportez le texte de l'article`,
    );
  }
  const { document } = parseHTML(html);
  const elements = survey(document);
  const meta = readPageMetadata(elements);
  const h1 = elements.h1?.textContent?.trim();
  dropChrome(elements);
  let parsed = new Readability(document, READABILITY).parse();
  // Chrome removal can take an article whose container has a misleading name: then the page
  // as it is, Readability alone.
  if ((parsed?.textContent?.trim().length ?? 0) < 200) {
    parsed = new Readability(parseHTML(html).document, READABILITY).parse();
  }
  const title = (meta.title ?? h1 ?? parsed?.title ?? document.title ?? "").trim();
  if (!title)
    return problem(file, "titre introuvable : ajoutez un <h1>, un og:title ou un <title>");
  const bodyHtml = parsed?.content ? cleanContent(parsed.content as unknown as El) : "";
  if (!bodyHtml.trim()) {
    return problem(file, "corps introuvable : la page ne contient pas de texte d'article");
  }
  const input: ArticleInput = {
    title,
    html: bodyHtml,
    categories: meta.rubrics,
    // A page's og:url or JSON-LD url is its own say: `javascript:` there reached the desk's
    // link to the article (a script run by the editor's click) and readers' messages.
    url: webOnly(meta.url),
    image: webOnly(meta.image),
    author: meta.author ?? parsed?.byline ?? undefined,
    publishedAt: meta.publishedAt,
    origin: file,
  };
  return { inputs: [input], problems: [] };
}

/** An http(s) address kept; anything else (javascript:, data:, a relative path) dropped. */
function webOnly(value: string | undefined): string | undefined {
  const address = webAddress(value);
  return address?.ok ? address.href : undefined;
}

/** The elements the metadata, the title and the chrome pass read, found in one walk of the page. */
interface Survey extends MetadataElements {
  metas: El[];
  times: El[];
  scripts: El[];
  h1?: El;
  /** Elements that are never article text (DROP). */
  drop: El[];
  /** Elements with a class or an id, outside those. */
  named: El[];
}

/**
 * One walk of the page instead of a selector query each: a query walks the whole page and
 * matches every element against its selector, and these pages have thousands of elements.
 */
function survey(document: El): Survey {
  const found: Survey = { metas: [], times: [], scripts: [], drop: [], named: [] };
  let dropEnd: El; // the last element inside the DROP element being walked through
  for (const el of document.querySelectorAll("*") as El[]) {
    const tag: string = el.localName;
    if (tag === "meta") found.metas.push(el);
    else if (tag === "time") found.times.push(el);
    else if (tag === "script") found.scripts.push(el);
    else if (tag === "h1") found.h1 ??= el;
    if (dropEnd) {
      if (el === dropEnd) dropEnd = undefined;
      continue;
    }
    if (DROP_TAGS.has(tag)) {
      found.drop.push(el);
      dropEnd = lastElementIn(el);
    } else if (el.hasAttribute("class") || el.hasAttribute("id")) found.named.push(el);
  }
  return found;
}

/** The last element of `el`'s subtree in page order, or undefined when it has no child element. */
function lastElementIn(el: El): El {
  let last: El;
  for (let child = el.lastElementChild; child; child = child.lastElementChild) last = child;
  return last;
}

/** Removes page chrome Readability would otherwise keep (it scores containers, not lines). */
function dropChrome(elements: Survey): void {
  for (const el of elements.drop) el.remove();
  for (const el of elements.named) {
    if (!el.parentNode) continue;
    const name = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (!chromeName(name)) continue;
    const text = (el.textContent ?? "").trim();
    // A container named "article-meta" may still hold the whole article: only small ones go.
    if (text.length < 400 || linkDensity(el, text) > 0.5) el.remove();
  }
}

function chromeName(name: string): boolean {
  return CHROME.test(name) || CHROME_PART.test(name);
}

function linkDensity(el: El, text: string): number {
  if (el.closest("a")) return 1;
  let links = 0;
  for (const a of Array.from(el.querySelectorAll("a")) as El[])
    links += (a.textContent ?? "").length;
  return text.length === 0 ? 0 : links / text.length;
}

/** Readability's article HTML, with the lines that are not prose taken out. */
function cleanContent(content: El): string {
  for (const el of Array.from(content.querySelectorAll(DROP)) as El[]) el.remove();
  for (const el of Array.from(content.querySelectorAll("figure, [class], [id]")) as El[]) {
    if (!el.parentNode) continue;
    const name = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    const text = (el.textContent ?? "").trim();
    if ((el.tagName === "FIGURE" || chromeName(name)) && text.length < 400) el.remove();
  }
  for (const el of Array.from(content.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6")) as El[]) {
    if (!el.parentNode) continue;
    const text = (el.textContent ?? "").trim();
    if (text.length > 0 && linkDensity(el, text) > LINK_DENSITY) el.remove();
  }
  trimEdges(content);
  return content.innerHTML as string;
}

const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, dd, dt, div";

/** A date bar, a byline or a time stamp: "Posted: Fri 6:45 PM, Feb 16, 2018", "By A. B - 11/18/19". */
const STAMP =
  /\b\d{1,2}:\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|avr|juil|sept|déc)[a-zé]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept|oct|nov|d[ée]c)[a-zéû]*\.? \d{4}\b/i;

/**
 * Readability keeps the article's container whole: its first and last lines are often a date
 * bar, a byline, "Advert", "comments", a call to subscribe. Lines at either end that are short
 * and not sentences, or are time stamps, go; the first real paragraph stops the trimming.
 */
function trimEdges(root: El): void {
  // Blocks come in page order, so a block holds another block when the next one is inside it.
  const blocks = Array.from(root.querySelectorAll(BLOCKS)) as El[];
  const leaves = blocks.filter(
    (el, i) => !el.contains(blocks[i + 1] ?? null) && (el.textContent ?? "").trim() !== "",
  );
  const chrome = (el: El) => {
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    const words = text.split(" ").length;
    if (words <= 12 && STAMP.test(text)) return true;
    if (words <= 3 && !/[.!?»"”]$/.test(text)) return true;
    return false;
  };
  for (const el of leaves) {
    if (!chrome(el)) break;
    el.remove();
  }
  for (const el of leaves.reverse()) {
    if (!el.parentNode) break;
    if (!chrome(el)) break;
    el.remove();
  }
}

function problem(origin: string, reason: string): FileRead {
  return { inputs: [], problems: [{ origin, reason }] };
}
