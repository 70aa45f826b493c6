import type { ArticleInput } from "../../domain/article.ts";
import { findDate } from "../../lib/french-dates.ts";
import { looksLikeBreadcrumbs, splitBreadcrumbs } from "./breadcrumbs.ts";
import type { FileRead } from "./file-read.ts";
import { isChromeLine, isCreditLine, stripGluedNoise } from "./page-chrome.ts";

/** One physical line of the page, with the blank lines that came before it. */
interface Line {
  text: string;
  gap: number;
}

export interface TextPageOptions {
  /** For dates printed without a year. */
  now: Date;
}

/** A `.txt` file that is really a saved HTML page (read-file.ts reads it as one). */
export function looksLikeHtml(text: string): boolean {
  // `[^<>]`, not `[^>]`: each try stops at the next `<`, so 10^5 « <p » without a `>` stay
  // linear (they took 0.5 s at 60 kB, hours at 2 MB).
  return /<(?:p|div|br|h[1-6]|article|html|body)\b[^<>]*>/i.test(text);
}

/**
 * A `.txt` page as copied from a news site: every line is a paragraph (sites separate
 * paragraphs by one newline as often as by a blank line). Finds, by the shape of the lines:
 * the site chrome before the headline (menus, banners, date bars), rubric lines, the headline
 * (a line the page repeats is the strongest sign), the date line, the body, and where the
 * article ends (a byline, the next post's rubric or repeated headline, teasers, a separator);
 * what follows is another article and is counted, never mixed in.
 */
export function readTextPage(text: string, file: string, options: TextPageOptions): FileRead {
  const lines = toLines(text);
  if (lines.length === 0) return problem(file, "page vide");
  const head = headEnd(lines);
  const titleAt = findTitle(lines, head);
  const categories: string[] = [];
  let publishedAt: Date | undefined;
  let author: string | undefined;
  const bodyText = lines.map((l) => l.text).join("\n");
  const dateFrom = (t: string) => {
    if (publishedAt) return;
    const found = findDate(t, options.now, bodyText);
    if (found) publishedAt = found.date;
  };
  let start: number;
  if (titleAt >= 0) {
    // Rubric lines right above the headline, and right below it. Above a menu's worth of
    // label lines (three or more in a row) only the nearest is the post's rubric, and above
    // site chrome (a skip link, a banner) none is: that is the site's menu.
    const menu = menuAbove(lines, titleAt);
    let siteMenu = false;
    for (let i = titleAt - 1; i >= 0 && i >= titleAt - 4; i--) {
      const t = lines[i]?.text ?? "";
      const signed = authorOf(t);
      const rubric =
        signed === null && !(siteMenu && !LABELLED_RUBRIC.test(t)) ? rubricOf(t) : null;
      if (signed !== null) author ??= signed;
      else if (rubric) {
        categories.unshift(...rubric);
        if (menu) siteMenu = true;
      } else if (datedLine(t)) dateFrom(t);
      else if (
        !isChromeLine(t) &&
        !isBylineish(t) &&
        stripBullet(t) !== stripBullet(lines[titleAt]?.text ?? "")
      )
        break;
      // Above site chrome (a skip link, a banner) is the site's menu, not the post's rubric.
      else if (isChromeLine(t)) siteMenu = true;
    }
    start = titleAt + 1;
  } else {
    start = lines.findIndex((l) => isProse(l.text));
    if (start < 0) start = 0;
  }
  // The date line may also be above the headline, or between it and the body.
  for (let i = 0; i < Math.min(lines.length, start + 4); i++) {
    const t = lines[i]?.text ?? "";
    if (datedLine(t) && !isDateBar(t, i)) dateFrom(t);
  }
  // A date widget printed on two lines: « 18 » then « Nov ».
  for (let i = 0; i + 1 < Math.min(lines.length, start + 2); i++) {
    const a = lines[i]?.text ?? "";
    const b = lines[i + 1]?.text ?? "";
    if (/^\d{1,2}$/.test(a) && /^\p{L}{3,9}\.?$/u.test(b)) dateFrom(`${a} ${b}`);
  }
  const title = titleAt >= 0 ? cleanTitle(lines[titleAt]?.text ?? "") : "";
  const { body, others, rubricsBelow, signedBy } = bodyOf(lines, start, title, categories);
  author ??= signedBy;
  for (const r of rubricsBelow) {
    if (!categories.some((c) => c.toLowerCase() === r.toLowerCase())) categories.push(r);
  }
  if (body.length === 0) {
    return problem(
      file,
      `corps introuvable : aucun paragraphe d'article après ${title ? `le titre « ${title} »` : `« ${lines[0]?.text.slice(0, 60)} »`}`,
    );
  }
  if (!title && !isProse(body[0] ?? "")) {
    return problem(
      file,
      `titre introuvable : la page commence par « ${lines[0]?.text.slice(0, 60)} » ; mettez le titre en première ligne`,
    );
  }
  const input: ArticleInput = {
    title,
    body: body.join("\n\n"),
    categories,
    publishedAt,
    author,
    origin: file,
    untitled: !title,
  };
  const read: FileRead = { inputs: [input], problems: [] };
  const notes: string[] = [];
  if (!title) notes.push("titre absent de la page : la première phrase sert de titre");
  if (others > 0) notes.push(`${others} ligne(s) d'autres articles de la page ignorées`);
  if (notes.length > 0) read.notes = notes;
  return read;
}

/** Soft hyphens and zero-width spaces a web copy carries: « vacci\u00adnation » is one word. */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

function toLines(text: string): Line[] {
  const out: Line[] = [];
  let gap = 0;
  for (const raw of unwrap(text.replace(INVISIBLE, "").replace(/\r\n?/g, "\n").split("\n"))) {
    // Runs of spaces fold; non-breaking spaces (French typography) stay.
    const t = raw.replace(/[ \t\f\v]+/g, " ").trim();
    if (t === "") {
      gap++;
      continue;
    }
    out.push({ text: t, gap });
    gap = 0;
  }
  // A page that puts blank lines between all its lines: gaps counted above that spacing, so
  // « adjacent » and « a wide gap » mean the same whether a copy has one blank line, or two.
  // A loop, not Math.min(...gaps): a page of 200,000 lines would overflow the call stack.
  let base = Number.POSITIVE_INFINITY;
  for (let i = 1; i < out.length; i++) base = Math.min(base, (out[i] as Line).gap);
  if (base > 0 && Number.isFinite(base)) for (const l of out.slice(1)) l.gap -= base;
  return out;
}

/**
 * A hard-wrapped copy (every paragraph cut into lines of at most ~80 columns) back to one line
 * a paragraph. The page is wrapped when no line that could have been cut is longer than some
 * width W of 60 to 100 columns and many lines come close to it; then a line continues on the
 * next one exactly when the next line's first word would not have fitted after it — what a
 * greedy wrapper does — and a blank line still ends a paragraph.
 */
export function unwrap(raw: readonly string[]): string[] {
  const lines = raw.map(trimEndSpaces);
  const width = wrapWidth(lines);
  if (width === 0) return lines;
  const out: string[] = [];
  let prev = "";
  // Columns, indentation included: a wrapper counts them.
  let prevColumns = 0;
  for (const line of lines) {
    const t = line.trim();
    const word = t.split(/\s/)[0] ?? "";
    // After a word longer than the width (a link alone on its line) the wrapper cut anyway:
    // only a lower-case start then says the sentence goes on.
    const cut =
      prev !== "" &&
      word !== "" &&
      prevColumns + 1 + word.length > width &&
      (prevColumns <= width || /^\p{Ll}/u.test(t));
    // The wrapper cut there, unless the next line is short and a line of its own: a new
    // sentence's paragraph or furniture after a finished sentence, or (not in lower case, so
    // not the end of a sentence) a date line, a byline or a banner under a headline. Glued,
    // those would become headline or body; a paragraph split in two by mistake keeps its text.
    const sentenceEnd =
      /[.!?…»"”]$/.test(prev) && !/(?:^|\s)(?:\p{Lu}|\p{Lu}\p{Ll}{1,2})\.$/u.test(prev);
    const short = line.length < width - 8;
    // A line ending in a comma, a hyphen or a short lower-case word (an article, a
    // preposition) stops mid-sentence: whatever the next line looks like, it carries on.
    const unfinished = /(?:[,(«“'’-]|(?:^|\s)\p{Ll}{1,3})$/u.test(prev);
    const ownLine =
      !/^\p{Ll}/u.test(t) &&
      /\p{L}/u.test(t) &&
      (datedLine(t) ||
        isChromeLine(t) ||
        isCreditLine(t) ||
        isBylineish(t) ||
        authorOf(t) !== null);
    const continues = unfinished || !(short && (sentenceEnd || ownLine));
    if (cut && continues) out[out.length - 1] = `${out[out.length - 1]} ${t}`;
    else out.push(line);
    prev = t;
    prevColumns = line.length;
  }
  return out;
}

/** The width a page was hard-wrapped at, or 0 when it was not. */
function wrapWidth(lines: readonly string[]): number {
  const lengths = lines.filter((l) => l.trim() !== "").map((l) => l.length);
  // A line longer than the width is one the wrapper could not cut (no space before it).
  const cuttable = lines.filter((l) => l.length > 100 && l.trim().slice(0, 100).includes(" "));
  if (cuttable.length > 0) return 0;
  // A single word (a link) may run past the width.
  const spaced = lines.filter((l) => /\S\s+\S/.test(l)).map((l) => l.length);
  const width = spaced.reduce((w, n) => (n <= 100 && n > w ? n : w), 0);
  if (width < 60) return 0;
  const near = lengths.filter((n) => n >= width - 12 && n <= width).length;
  const long = lengths.filter((n) => n >= 40).length;
  return near >= 4 && near >= long * 0.5 ? width : 0;
}

/**
 * Words with a letter or a digit, counted up to `cap`: callers compare with a few tens, and a
 * scraped page can be one line of megabytes (splitting it made a string a word, each time).
 */
const WORDS = (t: string, cap = 64): number => {
  let n = 0;
  for (const m of t.matchAll(/[^ ]+/g)) if (/[\p{L}\p{N}]/u.test(m[0]) && ++n >= cap) break;
  return n;
};

/** A paragraph of the article: long, or a sentence with its end punctuation. */
function isProse(t: string): boolean {
  if (isChromeLine(t)) return false;
  const words = WORDS(t);
  if (t.length >= 160 && words >= 20) return true;
  return words >= 6 && /[.!?…»"”)]$/.test(t) && /[.!?…]/.test(t) && /^[\p{Lu}«"“(\d]/u.test(t);
}

/**
 * Where the page's head ends: the first substantial paragraph — unless no headline is above it
 * and a rubric line and a headline follow it, then a paragraph: that is the post's start, and
 * the text above it a ticker or another post's teaser (whatever its separators became in this
 * copy).
 */
function headEnd(lines: readonly Line[]): number {
  const substantial = (l: Line) => isProse(l.text) && !isHeadline(l.text) && l.text.length >= 120;
  let i = lines.findIndex(substantial);
  // Only on a page with no headline above that paragraph: else it is the article's own.
  while (i >= 0 && !lines.slice(0, i).some((l) => isHeadline(l.text))) {
    // The rubric and the headline of the post, after any pieces of the same ticker.
    let j = i + 1;
    while (j < i + 4 && j < lines.length && !rubricOf(lines[j]?.text ?? "")) j++;
    const rubric = lines[j]?.text ?? "";
    const postStart =
      rubricOf(rubric) !== null &&
      !isProse(rubric) &&
      isHeadline(lines[j + 1]?.text ?? "") &&
      isProse(lines[j + 2]?.text ?? "");
    if (!postStart) break;
    const next = lines.slice(j + 2).findIndex(substantial);
    i = next < 0 ? -1 : j + 2 + next;
  }
  return i < 0 ? Math.min(lines.length, 8) : i;
}

/**
 * A list bullet before a line: a symbol (« • », « ● », « ► », an emoji), or the « ? » / « � »
 * a copy in another character set left in its place.
 */
function stripBullet(t: string): string {
  return t.replace(/^(?:(?![©®])[\p{So}•·*]|[?\uFFFD](?=\s))\s*/u, "");
}

/** A headline: 4 words or more, no closing full stop, not chrome, not a date or a byline. */
export function isHeadline(raw: string): boolean {
  const t = stripBullet(raw);
  const words = WORDS(t);
  if (words < 4 || words > 40 || t.length > 300) return false;
  if (/[.,;:]$/.test(t) && !/(?:\.\.\.|…)["»”]?$/.test(t)) return false;
  if (!/^[\p{Lu}\d«"“[(]/u.test(t)) return false;
  if (isChromeLine(t) || datedLine(t) || isBylineish(t) || isCreditLine(t)) return false;
  // A link's address is not in a headline.
  if (/\bhttps?:\/\/|\bwww\.\S/i.test(t)) return false;
  // A breadcrumb repeats its words ("Tribune Libre Tribune Libre").
  const tokens = t.split(" ");
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!/^\p{Lu}/u.test(tokens[i] ?? "") || !/^\p{Lu}/u.test(tokens[i + 1] ?? "")) continue;
    const p = `${tokens[i]} ${tokens[i + 1]}`;
    if (pairs.has(p)) return false;
    pairs.add(p);
  }
  // Several sentences are a paragraph, not a headline.
  return (t.match(/\p{Ll}{2}\.\s+\p{Lu}/gu) ?? []).length === 0;
}

/**
 * The headline's line: among the headline-shaped lines of the head, one the page repeats (as a
 * line or glued to the start of a paragraph), else the first.
 */
function findTitle(lines: readonly Line[], head: number): number {
  const candidates: number[] = [];
  for (let i = 0; i < head; i++) if (isHeadline(lines[i]?.text ?? "")) candidates.push(i);
  for (const i of candidates) {
    const t = stripBullet(lines[i]?.text ?? "");
    const repeated = lines.some(
      (l, j) =>
        j !== i &&
        ((stripBullet(l.text) === t &&
          !(j === i + 1 && l.gap === 0) &&
          !(i === j + 1 && lines[i]?.gap === 0)) ||
          (j > i && l.text.startsWith(t) && /^\s*\p{Lu}\p{Ll}/u.test(l.text.slice(t.length)))),
    );
    if (repeated) {
      // The last copy above the body is the post's heading (the first may be a list link).
      let last = i;
      for (let j = i + 1; j < head; j++) if (stripBullet(lines[j]?.text ?? "") === t) last = j;
      return last;
    }
  }
  return candidates[0] ?? -1;
}

function cleanTitle(t: string): string {
  return stripBullet(t).trim();
}

const LABELLED_RUBRIC = /^(?:cat[ée]gorie|rubrique|section)s?\s*:/i;

/**
 * The lines right above the headline are the end of a menu: three label-shaped lines or more
 * in a row (chrome between them aside) — a rubric is one line, or two (« Shadow », « A la Une »).
 */
function menuAbove(lines: readonly Line[], titleAt: number): boolean {
  let labels = 0;
  for (let i = titleAt - 1; i >= 0; i--) {
    const t = lines[i]?.text ?? "";
    if (authorOf(t) === null && !LABELLED_RUBRIC.test(t) && rubricOf(t)) labels++;
    else if (!isChromeLine(t)) break;
  }
  return labels >= 3;
}

/** A rubric line: « Politique », « SPORTS », « Catégorie : Santé », « ACTUALITES PAYS Togo ». */
function rubricOf(t: string): string[] | null {
  const cat = /^(?:cat[ée]gorie|rubrique|section)s?\s*:\s*(.{2,40})$/i.exec(t);
  if (cat?.[1]) return cat[1].split(/\s*[,/|]\s*/).filter(Boolean);
  const of = /^(\p{Lu}[\p{L}' -]{1,30}) of (?:\p{L}+day,? )?\d{1,2} \p{L}+ \d{4}$/u.exec(t);
  if (of?.[1]) return [of[1]];
  if (looksLikeBreadcrumbs(t) && t.length <= 60) return splitBreadcrumbs(t);
  if (t.length > 40 || /[.!?:;,»)]$/.test(t) || !/^\p{Lu}/u.test(t)) return null;
  if (isChromeLine(t)) return null;
  // A breadcrumb's root printed on its own line (as splitBreadcrumbs drops it in one).
  if (/^(?:accueil|home)$/i.test(t)) return null;
  const words = t.split(" ");
  if (words.length > 4) return null;
  // Capitalised words only: each is a category link run together ("ACTUALITES PAYS Togo").
  if (words.length >= 3 && words.every((w) => /^\p{Lu}/u.test(w))) return words;
  return [t];
}

/**
 * The name on a signature line: « Auteur : Inès Ntsama », « Auteur/autrice : X », « Author: X »,
 * « Écrit par X », « Par Binta Sow »; null for any other line.
 */
export function authorOf(t: string): string | null {
  if (t.length > 80) return null;
  const labelled =
    /^(?:auteur(?:\s*\/\s*autrice)?|autrice|author|[ée]crit par|r[ée]dig[ée] par|sign[ée] par)\s*:?\s*(\S.{1,60})$/iu.exec(
      t,
    )?.[1];
  const name = labelled === undefined ? "" : bareName(labelled);
  if (/\p{L}/u.test(name) && !/[.!?]$/.test(name)) return name;
  return /^(?:par|by)\s/i.test(t) ? bylineName(t) : null;
}

/** A line that carries the publication date: « Publié le … », « Par X • 10 août 2018 », a date alone. */
export function datedLine(t: string): boolean {
  if (t.length > 120) return false;
  if (!/\d/.test(t)) return false;
  const found = findDate(t, new Date(Date.UTC(2100, 0, 1)));
  if (!found) return false;
  const rest = (t.slice(0, found.start) + t.slice(found.end)).replace(
    /\d{1,2}[h:]\d{2}(?:min)?/g,
    "",
  );
  return WORDS(rest) <= 5;
}

/** The site's date bar at the very top (« lundi 14 octobre 2024 »): today's date, not the article's. */
function isDateBar(t: string, index: number): boolean {
  if (index > 2) return false;
  if (/publi|mis à jour|\bpar\b|\|/i.test(t)) return false;
  return /^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mon|tue|wed|thu|fri|sat|sun)/i.test(
    t,
  );
}

/** A signature line: « Par Binta Sow », « Mohamed Sylla », « Freddy Upar, à Bunia », « X pour GCI ». */
export function isBylineish(t: string): boolean {
  return bylineName(t) !== null;
}

/** The name a signature line gives, without « Par », « pour GCI », « , à Bunia », « (Coll.) ». */
function bylineName(t: string): string | null {
  if (t.length > 60 || /[.!?:;»]$/.test(t.replace(/\((?:coll|stagiaire)\.?\)$/i, ""))) return null;
  const s = bareName(t.replace(/^(?:par|by|auteur(?:\/autrice)?\s*:)\s*/i, ""));
  const words = s.split(" ");
  if (words.length < 2 || words.length > 4) return null;
  const name = (w: string) =>
    /^\p{Lu}[\p{Ll}'’-]+$/u.test(w) || /^\p{Lu}{2,}$/u.test(w) || /^\p{Lu}\.$/u.test(w);
  const ok = words.every(name) && words.some((w) => /^\p{Lu}\p{Ll}/u.test(w)) && !/\d/.test(s);
  return ok ? s : null;
}

const bareName = (s: string): string =>
  s
    .replace(/\s*\([^)]{1,30}\)$/, "")
    .replace(/(?:,\s*(?:à|a)\s+[\p{L}'’ .-]{2,30}|\s+pour\s+[\p{L}'’ .-]{2,30})$/u, "")
    .trim();

/**
 * The article's lines from `start`: chrome, captions, credits and repeats dropped; cut where
 * another article begins. Returns the kept paragraphs and how many lines were left after.
 */
function bodyOf(
  lines: readonly Line[],
  start: number,
  title: string,
  rubrics: readonly string[],
): { body: string[]; others: number; rubricsBelow: string[]; signedBy: string | undefined } {
  const body: string[] = [];
  const rubricsBelow: string[] = [];
  let signedBy: string | undefined;
  const seen = new Set<string>();
  let end = lines.length;
  const rubricSet = new Set(rubrics.map((r) => r.toLowerCase()));
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as Line;
    let t = stripGluedNoise(line.text);
    if (!t) continue;
    const started = body.length > 0;
    // The headline again, alone or glued to the first sentence.
    if (title && stripBullet(t) === title) continue;
    if (title && t.startsWith(title) && /^\s*\p{Lu}/u.test(t.slice(title.length))) {
      t = t.slice(title.length).trim();
    }
    if (started) {
      if (/^[-—–_=*~#]{5,}$/.test(t)) {
        end = i;
        break;
      }
      if (isBylineish(t) || /^(?:source|sources)\s*:/i.test(t) || /^traduit de\b/i.test(t)) {
        signedBy ??= bylineName(t) ?? undefined;
        end = i + 1;
        break;
      }
      // The next post: its rubric line, its headline shown twice, or a headline after a wide gap.
      const next = lines[i + 1]?.text ?? "";
      if (
        (!isProse(t) && startsWithRubric(t, rubricSet)) ||
        (isHeadline(t) && next === t) ||
        (isHeadline(t) && line.gap >= 3 && !isProse(next)) ||
        (isHeadline(t) && sameKicker(t, title))
      ) {
        end = i;
        break;
      }
      // Teasers of other articles, each cut with "…": two in a row end the article.
      if (
        /(?:…|\.\.\.)$/.test(t) &&
        /(?:…|\.\.\.)$/.test(next) &&
        !isProse(t.replace(/(?:…|\.\.\.)$/, "."))
      ) {
        end = i;
        break;
      }
      if (
        /(?:…|\.\.\.)$/.test(t) &&
        /(?:…|\.\.\.)$/.test(next) &&
        /(?:…|\.\.\.)$/.test(lines[i + 2]?.text ?? "")
      ) {
        end = i;
        break;
      }
    }
    if (isChromeLine(t) || isCreditLine(t)) {
      if (started && /cookie|commentaire|comment|reply|réponse/i.test(t)) {
        end = i;
        break;
      }
      continue;
    }
    const signed = started ? null : authorOf(t);
    if (signed !== null) {
      signedBy ??= signed;
      continue;
    }
    if (/^(?:de notre (?:correspondant|envoy[ée])|par\s)/i.test(t) && t.length < 80) continue;
    if (datedLine(t) && !isProse(t)) continue;
    if (!started && rubricOf(t) && !isProse(t)) {
      rubricsBelow.push(...(rubricOf(t) ?? []));
      continue;
    }
    // Image alt text / caption: lower case, no sentence punctuation.
    if (/^\p{Ll}/u.test(t) && !/[.!?…»:;,]$/.test(t) && WORDS(t) <= 12) continue;
    // A lone word ("Raaga", "Shadow") is a label, not text.
    if (WORDS(t) <= 1 && !/^\d/.test(t)) continue;
    // A caption printed twice (alt text + caption) on consecutive lines.
    if (!isProse(t) && lines[i + 1]?.text === t) {
      i++;
      continue;
    }
    // A run of headline-shaped lines inside the body: links to other articles.
    if (isHeadline(t) && isHeadline(lines[i + 1]?.text ?? "") && !LIST_ITEM.test(t)) {
      let j = i;
      while (
        j < lines.length &&
        isHeadline(lines[j]?.text ?? "") &&
        !LIST_ITEM.test(lines[j]?.text ?? "")
      )
        j++;
      i = j - 1;
      continue;
    }
    const key = t.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    body.push(t);
  }
  // A paragraph that is the cut start of a later one (a teaser) goes.
  const kept = body.filter(
    (p, i) =>
      !(p.length >= 40 && body.some((q, j) => j > i && q.length > p.length && q.startsWith(p))),
  );
  // Trailing lines that are not text (a lone headline of the next post); list items stay.
  const last = () => kept.at(-1) ?? "";
  while (kept.length > 1 && isHeadline(last()) && !isProse(last()) && !LIST_ITEM.test(last())) {
    kept.pop();
  }
  return { body: kept, others: Math.max(0, lines.length - end), rubricsBelow, signedBy };
}

const LIST_ITEM = /^(?:\d{1,2}\s*[-–.)]|[-–•·▪*])\s/;

/** The next post's category line starts with one of this article's rubrics. */
function startsWithRubric(t: string, rubrics: ReadonlySet<string>): boolean {
  const lower = t.toLowerCase();
  for (const r of rubrics) {
    if (lower === r || lower.startsWith(`${r} `) || lower.startsWith(`${r},`)) return true;
  }
  return false;
}

/** « Tchad : … » and « Tchad : … »: two headlines with the same kicker are two posts. */
function sameKicker(a: string, b: string): boolean {
  const k = (t: string) => /^([^:]{2,30}?)\s*:\s/.exec(t)?.[1]?.toLowerCase();
  const ka = k(a);
  return ka !== undefined && ka === k(b) && a !== b;
}

function problem(origin: string, reason: string): FileRead {
  return { inputs: [], problems: [{ origin, reason }] };
}

/**
 * A line without its trailing spaces and tabs, by a scan from its end: `/[ \t]+$/` retries at
 * every space of a long run inside the line (a 200 kB run of spaces took minutes).
 */
function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && " \t\f\v".includes(line[end - 1] as string)) end--;
  return end === line.length ? line : line.slice(0, end);
}
