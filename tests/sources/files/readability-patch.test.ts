import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { afterEach, describe, expect, it } from "vitest";

/**
 * patches/@mozilla+readability+0.6.0.patch (applied by `npm install`'s postinstall,
 * patch-package) takes three costs out of Readability 0.6.0 that it pays on every page and
 * that a DOM without layout makes dear, with the same result:
 * - a byline candidate's text is read only for a node whose name or rel says byline (it was
 *   read for every node of the page: the page walked again under each);
 * - a node's inline style is read only when it has a style attribute (linkedom builds a style
 *   declaration for each node read);
 * - the article's HTML is written out for the debug log only when debugging.
 */

const PAGE = `<html><head><title>Le titre</title></head><body>
<nav><a href="/">Accueil</a></nav>
<div class="content"><article>
<p class="byline">Par Awa Traoré</p>
${Array.from({ length: 8 }, (_, i) => `<p>Paragraphe ${i} : le conseil municipal de Bamako a voté le budget de la commune, après trois jours de débats sur les routes, les écoles et les marchés de la ville.</p>`).join("\n")}
<p style="display: none">Texte caché</p>
<p hidden>Autre texte caché</p>
</article></div></body></html>`;

// biome-ignore lint/suspicious/noExplicitAny: linkedom's DOM classes are typed loosely.
type Proto = any;
const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

/** Counts reads of a getter on linkedom's Element prototype while the test runs. */
function countReads(proto: Proto, name: string): { reads: number } {
  let owner = proto;
  while (owner && !Object.getOwnPropertyDescriptor(owner, name))
    owner = Object.getPrototypeOf(owner);
  const descriptor = Object.getOwnPropertyDescriptor(owner, name);
  if (!descriptor?.get) throw new Error(`no getter ${name}`);
  const counter = { reads: 0 };
  const get = descriptor.get;
  Object.defineProperty(owner, name, {
    ...descriptor,
    get() {
      counter.reads++;
      return get.call(this);
    },
  });
  restore.push(() => Object.defineProperty(owner, name, descriptor));
  return counter;
}

function parse(html: string) {
  const { document } = parseHTML(html);
  return { document, article: new Readability(document, { keepClasses: true }).parse() };
}

describe("Readability, as patched", () => {
  it("finds the same article, byline and hidden text", () => {
    const { article } = parse(PAGE);
    expect(article?.byline).toBe("Par Awa Traoré");
    expect(article?.textContent).toContain("Paragraphe 7");
    expect(article?.textContent).not.toContain("caché");
  });

  it("reads the text of byline candidates only", () => {
    // No byline: Readability looks for one on every node it walks.
    const boxes = Array.from(
      { length: 100 },
      (_, i) => `<div class="box"><span>Case ${i}</span></div>`,
    );
    const { document } = parseHTML(
      PAGE.replace('<p class="byline">Par Awa Traoré</p>', boxes.join("")),
    );
    const text = countReads(Object.getPrototypeOf(document.body), "textContent");
    const proto = Readability.prototype as Proto;
    const isValidByline = proto._isValidByline;
    let calls = 0;
    let reads = 0;
    proto._isValidByline = function (this: unknown, ...args: unknown[]) {
      calls++;
      const before = text.reads;
      const valid = isValidByline.apply(this, args);
      reads += text.reads - before;
      return valid;
    };
    restore.push(() => {
      proto._isValidByline = isValidByline;
    });
    new Readability(document, { keepClasses: true }).parse();
    expect(calls).toBeGreaterThan(200);
    // Unpatched: one read a call.
    expect(reads).toBe(0);
  });

  it("reads inline style only where a style attribute is", () => {
    const { document } = parseHTML(PAGE);
    const style = countReads(Object.getPrototypeOf(document.body), "style");
    new Readability(document, { keepClasses: true }).parse();
    // The hidden paragraph (twice: display, visibility) and the cleaning of that one attribute.
    expect(style.reads).toBeLessThanOrEqual(4);
  });

  it("writes the article's HTML out once, for its result, when not debugging", () => {
    const { document } = parseHTML(PAGE);
    const html = countReads(Object.getPrototypeOf(document.body), "innerHTML");
    new Readability(document, { keepClasses: true, serializer: (el) => el }).parse();
    // Only the page kept for a second attempt; unpatched, the debug log's copy too.
    expect(html.reads).toBe(1);
  });
});
