import iconv from "iconv-lite";

/**
 * Harmless variations a real copy of a news page may carry (metamorphic testing of the `.txt`
 * reader): each turns a page's text into the bytes of another copy of the same page, which must
 * read to the same article. Written for the tests; no page's wording is used.
 */
export interface Variant {
  name: string;
  /** The page's text → the bytes of the file (and, optionally, another file name). */
  apply: (text: string, ctx: VariantContext) => { bytes: Buffer; name?: string };
  /**
   * Another site's label lines put right above the headline read as rubrics on any page (one
   * or two label lines there are what a rubric is): such a variant may add rubrics before the
   * page's own, never lose or change them.
   */
  addsLabels?: boolean;
  /**
   * Lines cut at a width: where a paragraph's last line reaches that width, nothing tells its
   * end from a cut, so two paragraphs may read as one. The text is the same; the summary,
   * drawn paragraph by paragraph, may then differ.
   */
  rewraps?: boolean;
  /**
   * How many pages may read differently (each difference is printed): at 72 columns a
   * caption or a line of its own more often ends within one word of the width, and nothing
   * tells it from a cut line (README, « Real newsroom pages »).
   */
  tolerated?: number;
  /** The untouched page's text as this variant would print it (compared after that). */
  expect?: (text: string) => string;
}

export interface VariantContext {
  /** Site furniture that another page carries after its article, and before its headline. */
  footer: readonly string[];
  header: readonly string[];
}

const utf8 = (text: string) => ({ bytes: Buffer.from(text, "utf8") });

/** Every line end as `\r\n`. */
export const crlf = (t: string) => t.replace(/\r?\n/g, "\r\n");

/** Straight and curly quotes swapped, « » as " ". */
export const straightQuotes = (t: string) =>
  t
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/«[\s\u00a0\u202f]*/g, '"')
    .replace(/[\s\u00a0\u202f]*»/g, '"');
export const curlyQuotes = (t: string) =>
  t
    .replace(/(\p{L})'(?=\p{L})/gu, "$1’")
    .replace(/"([^"\n]{1,200})"/g, "«\u00a0$1\u00a0»")
    .replace(/'/g, "’");

/** French typography's non-breaking spaces: before « : ; ! ? », inside « », and in numbers. */
export const nbsp = (t: string) =>
  t
    .replace(
      /[ \u00a0]?([:;!?])(?=\s|$)/gm,
      (_m, p: string) => `${p === ":" ? "\u00a0" : "\u202f"}${p}`,
    )
    .replace(/« ?/g, "«\u202f")
    .replace(/ ?»/g, "\u202f»")
    .replace(/(\d) (\d{3})(?!\d)/g, "$1\u202f$2");

/** Lines indented with tabs and runs of spaces, and trailing blanks. */
export const indent = (t: string) =>
  t
    .split("\n")
    .map((l, i) => (l.trim() === "" ? l : `${i % 2 ? "\t" : "    "}${l}${i % 3 ? "  " : "\t "}`))
    .join("\n");

/** Every line break doubled: one-line paragraphs become blank-line separated, blank runs double. */
export const doubleBlank = (t: string) => t.replace(/\n/g, "\n\n");

/** Blank lines removed: paragraphs separated by a single newline. */
export const singleNewlines = (t: string) => t.replace(/\n[\s]*\n/g, "\n");

/** Lines cut at the last space before ~80 columns, as some copies are hard-wrapped. */
export const hardWrap = (t: string, width = 78) =>
  t
    .split("\n")
    .map((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        // A word longer than the width (a link) goes on a line of its own, as `fmt` does.
        let cut = rest.lastIndexOf(" ", width);
        if (cut <= 0) cut = rest.indexOf(" ", width);
        if (cut <= 0) break;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut + 1);
      }
      out.push(rest);
      return out.join("\n");
    })
    .join("\n");

/** Dashes as hyphens (« Dakar – » → « Dakar - »), and hyphens between spaces as en dashes. */
export const hyphens = (t: string) => t.replace(/[–—]/g, "-");
export const enDashes = (t: string) => t.replace(/ - /g, " – ");

/** Whitespace-only lines after the text. */
export const trailingBlank = (t: string) => `${t.replace(/\s+$/, "")}\n\n   \n\t\n\n`;

/**
 * A character an 8-bit character set lacks, as a converter's « best fit » writes it: its
 * compatibility form (« ᵉ » → « e »), a hyphen for the dash family, U+00A0 for U+202F, else « ? ».
 */
const bestFit = (t: string, charset: string) =>
  t.replace(/[^\n]/gu, (ch) => {
    const back = iconv.decode(iconv.encode(ch, charset), charset);
    if (back === ch) return ch;
    if (ch === "\u202f") return "\u00a0";
    if (/[\u2010-\u2015]/.test(ch)) return "-";
    const compat = ch.normalize("NFKC");
    return iconv.decode(iconv.encode(compat, charset), charset) === compat ? compat : "?";
  });

/**
 * Windows-1252 bytes (what older newsroom tools save); a page in a script that character set
 * cannot hold (Cyrillic, Arabic…) is never saved so, and stays UTF-8.
 */
export const win1252 = (t: string) => {
  const fitted = bestFit(t, "win1252");
  const lost =
    [...t.normalize("NFKC").matchAll(/\p{L}/gu)].length - [...fitted.matchAll(/\p{L}/gu)].length;
  return lost > 0 ? Buffer.from(t, "utf8") : iconv.encode(fitted, "win1252");
};

/** ISO-8859-1 bytes: typographic quotes, ellipses, ligatures and dashes as their plain forms. */
export const latin1 = (t: string) =>
  iconv.encode(
    bestFit(
      t
        .replace(/[’‘]/g, "'")
        .replace(/[“”]/g, '"')
        .replace(/…/g, "...")
        .replace(/[–—]/g, "-")
        .replace(/œ/g, "oe")
        .replace(/Œ/g, "OE"),
      "latin1",
    ),
    "latin1",
  );

/** Invisible characters web copies carry: soft hyphens inside long words, zero-width spaces. */
export const invisible = (t: string) =>
  t.replace(/(\p{L}{5})(\p{L}{5,})/gu, "$1\u00ad$2").replace(/, /g, ",\u200b ");

const MONTHS_FR = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
const DATE_FR = new RegExp(`\\b(\\d{1,2}) (${MONTHS_FR.join("|")}) (\\d{4})\\b`, "giu");

/** « 22 mars 2025 » written another way a site may print it. */
const ABBREVIATED = [
  "janv.",
  "févr.",
  "mars",
  "avr.",
  "mai",
  "juin",
  "juil.",
  "août",
  "sept.",
  "oct.",
  "nov.",
  "déc.",
];

export const datesAs =
  (form: "numeric" | "dashed" | "iso" | "abbreviated" | "upper" | "capital") => (t: string) =>
    t.replace(DATE_FR, (_m, d: string, month: string, y: string) => {
      const m = month.toLowerCase();
      const dd = d.padStart(2, "0");
      const mm = String(MONTHS_FR.indexOf(m) + 1).padStart(2, "0");
      if (form === "numeric") return `${dd}/${mm}/${y}`;
      if (form === "dashed") return `${dd}-${mm}-${y}`;
      if (form === "iso") return `${y}-${mm}-${dd}`;
      if (form === "abbreviated") return `${d} ${ABBREVIATED[MONTHS_FR.indexOf(m)]} ${y}`;
      if (form === "upper") return `${d} ${m.toUpperCase()} ${y}`;
      return `${d} ${m[0]?.toUpperCase()}${m.slice(1)} ${y}`;
    });

export const VARIANTS: readonly Variant[] = [
  { name: "crlf", apply: (t) => utf8(crlf(t)) },
  {
    name: "bom",
    apply: (t) => ({ bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]) }),
  },
  // The typesetter's hyphen U+2010 of « lea‐ der » (a word cut at a print line end, which
  // the cleaner joins) has no 8-bit form: its best fit is a plain « - », which the cleaner
  // rightly leaves (« pré- et post-électoral »). One page carries it.
  { name: "win1252", apply: (t) => ({ bytes: win1252(t) }), tolerated: 1 },
  { name: "latin1", apply: (t) => ({ bytes: latin1(t) }), tolerated: 1 },
  { name: "nbsp", apply: (t) => utf8(nbsp(t)) },
  { name: "indent", apply: (t) => utf8(indent(t)) },
  { name: "double-blank", apply: (t) => utf8(doubleBlank(t)) },
  { name: "single-newlines", apply: (t) => utf8(singleNewlines(t)) },
  { name: "hard-wrap", apply: (t) => utf8(hardWrap(t)), rewraps: true },
  { name: "hard-wrap-72", apply: (t) => utf8(hardWrap(t, 72)), rewraps: true, tolerated: 2 },
  { name: "straight-quotes", apply: (t) => utf8(straightQuotes(t)) },
  { name: "curly-quotes", apply: (t) => utf8(curlyQuotes(t)) },
  { name: "hyphens", apply: (t) => utf8(hyphens(t)) },
  { name: "en-dashes", apply: (t) => utf8(enDashes(t)) },
  { name: "trailing-blank", apply: (t) => utf8(trailingBlank(t)) },
  {
    name: "footer",
    apply: (t, c) => utf8(`${t.replace(/\s+$/, "")}\n${c.footer.join("\n")}\n`),
  },
  { name: "header", apply: (t, c) => utf8(`${c.header.join("\n")}\n${t}`), addsLabels: true },
  { name: "renamed", apply: (t) => ({ ...utf8(t), name: "copie de la page (2).txt" }) },
  { name: "cr", apply: (t) => utf8(t.replace(/\r?\n/g, "\r")) },
  { name: "invisible", apply: (t) => utf8(invisible(t)) },
  // Dates printed another way: the same day; the text compared is changed the same way.
  { name: "dates-numeric", apply: (t) => utf8(datesAs("numeric")(t)), expect: datesAs("numeric") },
  { name: "dates-dashed", apply: (t) => utf8(datesAs("dashed")(t)), expect: datesAs("dashed") },
  // These two found defects outside the page reader, since mended: the dateline finder did
  // not know « Kaolack, 2025-03-12 (ANS) – », and the stand-in title of a page without a
  // headline ended at the period of « 10 févr. 2022 ».
  { name: "dates-iso", apply: (t) => utf8(datesAs("iso")(t)), expect: datesAs("iso") },
  {
    name: "dates-abbreviated",
    apply: (t) => utf8(datesAs("abbreviated")(t)),
    expect: datesAs("abbreviated"),
  },
  { name: "dates-upper", apply: (t) => utf8(datesAs("upper")(t)), expect: datesAs("upper") },
  { name: "dates-capital", apply: (t) => utf8(datesAs("capital")(t)), expect: datesAs("capital") },
  // A few together.
  {
    name: "bom+crlf+nbsp",
    apply: (t) => ({
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(nbsp(t)))]),
    }),
  },
  {
    name: "win1252+crlf+indent",
    apply: (t) => ({ bytes: win1252(crlf(indent(t))) }),
    tolerated: 1,
  },
  { name: "nbsp+straight+hyphens", apply: (t) => utf8(hyphens(straightQuotes(nbsp(t)))) },
  {
    name: "header+footer+double-blank",
    addsLabels: true,
    apply: (t, c) =>
      utf8(doubleBlank(`${c.header.join("\n")}\n${t.trimEnd()}\n${c.footer.join("\n")}`)),
  },
  {
    name: "hard-wrap+crlf+trailing",
    apply: (t) => utf8(crlf(trailingBlank(hardWrap(t)))),
    rewraps: true,
  },
];

/**
 * What must not change: the title, the day, the rubrics, the body and the summary, compared
 * after folding what the variations change (spaces of any kind, quote and dash forms).
 */
export const fold = (s: string | null | undefined): string =>
  String(s ?? "")
    .normalize("NFKC")
    .replace(/[’‘'`´]/g, "'")
    .replace(/[“”„«»"]/g, " ")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/…/g, "...")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/[\s\u00a0\u202f]+([:;!?,.])/g, "$1")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();

/** The first and the last sentence of a body (after folding). */
export function ends(body: string): { first: string; last: string } {
  const f = fold(body);
  const sentences = f.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
  return { first: sentences[0] ?? "", last: sentences.at(-1) ?? "" };
}

/** Typography as HTML entities (« &nbsp; », « &rsquo; », « &laquo; »), as many CMSs write it. */
export const asEntities = (t: string) =>
  t
    .replace(/\u00a0/g, "&nbsp;")
    .replace(/’/g, "&rsquo;")
    .replace(/«/g, "&laquo;")
    .replace(/»/g, "&raquo;")
    .replace(/é/g, "&eacute;");

/** Every line of the markup indented (a pretty-printed copy). */
export const indentMarkup = (t: string) =>
  t
    .split("\n")
    .map((l, i) => `${i % 2 ? "\t" : "    "}${l}`)
    .join("\n");

/** Harmless variations of a saved `.html` page: the same article must be read from each. */
export const HTML_VARIANTS: readonly Variant[] = [
  { name: "crlf", apply: (t) => utf8(crlf(t)) },
  {
    name: "bom",
    apply: (t) => ({ bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]) }),
  },
  { name: "win1252", apply: (t) => ({ bytes: win1252(t) }) },
  { name: "entities", apply: (t) => utf8(asEntities(t)) },
  { name: "indent", apply: (t) => utf8(indentMarkup(t)) },
  { name: "trailing-blank", apply: (t) => utf8(trailingBlank(t)) },
  { name: "renamed-htm", apply: (t) => ({ ...utf8(t), name: "copie de la page (2).htm" }) },
  { name: "saved-as-txt", apply: (t) => ({ ...utf8(t), name: "page enregistrée.txt" }) },
  {
    name: "crlf+bom+indent",
    apply: (t) => ({
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(indentMarkup(t)))]),
    }),
  },
];
