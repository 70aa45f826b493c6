/**
 * Properties of the text pipeline (cleaner, splitter, summary, formatter), written once and run
 * by the CI suite with few runs and by `npm run soak` with many. Assertions use node:assert so
 * the soak runs them without vitest.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import fc from "fast-check";
import type { Block } from "../../../src/domain/article.ts";
import { blocksToText, cleanBody } from "../../../src/ingest/clean.ts";
import { htmlToBlocks } from "../../../src/ingest/html.ts";
import { ArticleRejected, prepareArticle } from "../../../src/ingest/prepare.ts";
import { splitSentences } from "../../../src/ingest/summary/sentences.ts";
import { cleanInline } from "../../../src/lib/text.ts";
import { MAX_MESSAGE_CHARS } from "../../../src/messages/markup.ts";
import {
  alert,
  articleDetail,
  breakingAlert,
  channelPost,
  digest,
  type FormatContext,
  headlines,
} from "../../../src/messages/templates.ts";
import { unbalancedMarkup } from "../helpers.ts";

/** Real newsroom sentences (the seed article and the fixtures), to build articles from. */
function corpusSentences(): string[] {
  const seed = fs.readFileSync(
    new URL("../../../data/articles/aes-russie-moscou.txt", import.meta.url),
    "utf8",
  );
  const fixtures = JSON.parse(
    fs.readFileSync(new URL("../../fixtures/delivery/articles.json", import.meta.url), "utf8"),
  ) as { body: string }[];
  const text = [seed, ...fixtures.map((f) => f.body)].join("\n\n");
  return [...new Set(splitSentences(text))].filter((s) => s.length >= 20 && s.length <= 400);
}

const SENTENCES = corpusSentences();

/** Text with what scraped pages carry: markup characters, entities, controls, odd spaces. */
const noisy = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.constantFrom(
    "*",
    "_",
    "~",
    "`",
    "> ",
    "&amp;",
    "&nbsp;",
    "<b>",
    "</p>",
    "\u0000",
    "\u200b",
    "\u00a0",
    "\r\n",
    "\n\n",
    "- ",
    "1. ",
    "« ",
    " »",
    "…",
    "...",
    "Lire aussi : ",
    "https://exemple-info.ml/a_b*c",
    "www.site.ml/x_y",
    "M. Diop",
  ),
);

/** A French article body: real sentences, in paragraphs, with noise mixed in. */
export const articleBody = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...SENTENCES) },
      { weight: 1, arbitrary: noisy },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 40 })
          .map((s) => s.join(" ")),
      },
    ),
    { minLength: 0, maxLength: 25 },
  )
  .chain((parts) =>
    fc
      .array(fc.constantFrom(" ", "\n", "\n\n", "\n- ", ""), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((seps) => parts.map((p, i) => `${p}${seps[i] ?? ""}`).join("")),
  );

const title = fc.oneof(
  fc.constantFrom(...SENTENCES).map((s) => s.slice(0, 120)),
  fc.string({ maxLength: 300 }),
);

/** HTML as feeds and pages send it: paragraphs, lists, quotes, scripts, broken tags. */
export const articleHtml = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SENTENCES).map((s) => `<p>${s}</p>`),
      fc.constantFrom(...SENTENCES).map((s) => `<blockquote>« ${s} »</blockquote>`),
      fc
        .array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 4 })
        .map((items) => `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`),
      fc.constantFrom(
        "<script>var x = '<p>pas du texte</p>';</script>",
        "<h2>Contexte</h2>",
        "<p>Lire aussi : <a href='/x'>autre</a></p>",
        "<div><p>imbriqué <b>gras</b> et <i>italique</i></p></div>",
        "<p",
        "</div></div>",
        "<br><br/>",
        "&eacute;&amp;&#x27;&#0;",
        "<figure><img src=x><figcaption>Photo : AFP</figcaption></figure>",
      ),
      fc.string({ maxLength: 80 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

/** What every cleaned block must be, whatever the input. */
function assertCleanBlocks(blocks: readonly Block[]): void {
  for (const block of blocks) {
    const texts = block.kind === "list" ? block.items : [block.text];
    if (block.kind === "list") assert.ok(block.items.length > 0, "empty list");
    for (const text of texts) {
      assert.equal(text, text.trim(), "untrimmed block");
      assert.match(text, /[\p{L}\p{N}]/u, "block without a letter or digit");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must never remain.
      assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u200b\ufeff]/);
      assert.doesNotMatch(text, /\n/, "line break inside a block");
      assert.doesNotMatch(text, /<\/?(p|div|script|b|i|li|ul|br)\b[^>]*>/i, "tag left in text");
    }
  }
}

/** The cleaner (plain text and HTML): never throws; blocks are clean, trimmed, one line each. */
export const cleanerProperty = fc.property(articleBody, articleHtml, (body, html) => {
  assertCleanBlocks(cleanBody(body));
  assertCleanBlocks(htmlToBlocks(html));
});

/**
 * The splitter on article-like text: never throws, and nothing is lost or invented — the
 * sentences, put back together, are the text without its spaces.
 */
export const splitterProperty = fc.property(articleBody, (text) => {
  const sentences = splitSentences(text);
  const squeeze = (s: string) => s.replace(/\s+/gu, "");
  assert.equal(sentences.map(squeeze).join(""), squeeze(text));
  for (const s of sentences) assert.ok(s !== "" && s === s.trim(), "empty or untrimmed");
});

/**
 * The summary invents nothing: each of its sentences (minus the "…" of a cut one) is verbatim
 * in the cleaned article — its body as stored, or its title when no sentence fits.
 */
export const summaryProperty = fc.property(
  title,
  articleBody,
  fc.integer({ min: 60, max: 600 }),
  (t, body, maxChars) => {
    let prepared: ReturnType<typeof prepareArticle>;
    try {
      prepared = prepareArticle(
        { title: t, body, origin: "propriété" },
        { summaryMaxChars: maxChars },
      );
    } catch (error) {
      if (error instanceof ArticleRejected) return;
      throw error;
    }
    const { summary } = prepared;
    assert.ok(summary.length <= maxChars, `summary over ${maxChars}: ${summary.length}`);
    // Lists become prose for the summary ("a ; b") when the article has no paragraph.
    const source = [
      prepared.title,
      blocksToText(prepared.blocks),
      ...prepared.blocks.flatMap((b) => (b.kind === "list" ? [b.items.join(" ; ")] : [])),
    ].join("\n");
    const text = summary.endsWith("…") ? summary.slice(0, -1) : summary;
    assert.ok(
      isVerbatim(text, source),
      `summary not in the article:\n${summary}\n---\n${source.slice(0, 2000)}`,
    );
  },
);

/** `text` is in `source` as it is, or as two verbatim pieces joined by one space. */
function isVerbatim(text: string, source: string): boolean {
  if (source.includes(text)) return true;
  for (let i = text.indexOf(" "); i > 0; i = text.indexOf(" ", i + 1)) {
    if (source.includes(text.slice(0, i)) && source.includes(text.slice(i + 1))) return true;
  }
  return false;
}

const fr: FormatContext = {
  language: "fr",
  timeZone: "Africa/Bamako",
  channelLink: "https://whatsapp.com/channel/0029VaExemple",
};

/** One line of stored text: ingestion runs every title, rubric and dateline through cleanInline. */
const line = (text: fc.Arbitrary<string>) => text.map(cleanInline);

/** An article as the store holds it (its texts cleaned), with hostile content. */
const articleView = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  title: line(
    fc.oneof(
      title,
      noisy.map((n) => `Titre ${n} *gras* _x_`),
    ),
  ),
  categories: fc.array(line(fc.oneof(fc.constantFrom("Politique", "Économie", "Sport"), noisy)), {
    maxLength: 3,
  }),
  dateline: fc.option(line(fc.oneof(fc.constant("Bamako, 2 avril 2025"), noisy)), { nil: null }),
  publishedAt: fc.date({
    min: new Date("2000-01-01"),
    max: new Date("2040-01-01"),
    noInvalidDate: true,
  }),
  summary: fc.oneof(articleBody, fc.string({ maxLength: 6000 })),
  keyPoints: fc.array(line(fc.oneof(fc.constantFrom(...SENTENCES), noisy)), { maxLength: 6 }),
  url: fc.option(
    fc.constantFrom(
      "https://exemple-info.ml/aes_russie_moscou?utm_source=wa*1",
      "https://exemple-info.ml/2025/04/02/coton/",
    ),
    { nil: null },
  ),
});

/**
 * The formatter: every template, in both languages, stays within 4,096 characters and its
 * WhatsApp markup pairs up on each line, whatever the article's text holds.
 */
export const formatterProperty = fc.property(
  fc.array(articleView, { minLength: 1, maxLength: 12 }),
  fc.constantFrom<"fr" | "en">("fr", "en"),
  fc.string({ maxLength: 1500 }),
  (articles, language, editorText) => {
    const ctx = { ...fr, language };
    const [first] = articles as [(typeof articles)[number]];
    const messages = [
      channelPost(first, ctx),
      alert(first, ctx),
      articleDetail(first, ctx),
      headlines(articles, ctx),
      headlines(articles, ctx, first.categories[0] ?? "Politique"),
      digest(articles, first.publishedAt, ctx),
      breakingAlert(editorText, ctx),
      breakingAlert(editorText, ctx, "channel"),
    ];
    for (const message of messages) {
      assert.ok(message.length <= MAX_MESSAGE_CHARS, `message of ${message.length} characters`);
      assert.deepEqual(unbalancedMarkup(message), [], message);
    }
  },
);
