import type { AnyNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import type { Block } from "../domain/article.ts";
import { htmlDepth, MAX_HTML_DEPTH } from "../lib/html-depth.ts";
import { stripInert } from "../lib/html-inert.ts";
import { cleanBody, tidyBlocks } from "./clean.ts";

// Never article text: scripts, embeds, page chrome, forms, captions.
const skipped = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "form",
  "button",
  "select",
  "nav",
  "aside",
  "footer",
  "header",
  "figcaption",
  "head",
]);
const blockLevel = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "figure",
  "table",
  "tr",
  "dl",
  "dd",
  "dt",
  "pre",
  "address",
  "center",
  "hr",
]);

/** HTML (an article body, a feed item's content, a whole page's article) to clean blocks. */
export function htmlToBlocks(html: string): Block[] {
  // Nesting no article has (200,000 <div>) would overflow the tree walk: read as plain text.
  if (htmlDepth(stripInert(html)) > MAX_HTML_DEPTH) return cleanBody(flatten(html));
  const doc = parseDocument(html, { decodeEntities: true });
  const blocks: Block[] = [];
  let text = "";
  const flush = (kind: "paragraph" | "heading" | "quote" = "paragraph") => {
    const t = text.replace(/[ \t\r\n\f]+/g, " ").trim();
    if (t) blocks.push({ kind, text: t });
    text = "";
  };
  const walk = (nodes: readonly AnyNode[], quote: boolean) => {
    for (const node of nodes) {
      if (node.type === "text") {
        text += (node as unknown as { data: string }).data;
        continue;
      }
      if (node.type === "cdata") {
        walk((node as unknown as { children: AnyNode[] }).children, quote);
        continue;
      }
      if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (skipped.has(name)) continue;
      if (name === "br") {
        text += "\n";
        flush(quote ? "quote" : "paragraph");
      } else if (/^h[1-6]$/.test(name)) {
        flush(quote ? "quote" : "paragraph");
        walk(el.children, quote);
        flush("heading");
      } else if (name === "ul" || name === "ol") {
        flush(quote ? "quote" : "paragraph");
        const items: string[] = [];
        for (const li of el.children) {
          if (li.type !== "tag" || (li as Element).name.toLowerCase() !== "li") continue;
          const item = textOf(li as Element);
          if (item) items.push(item);
        }
        if (items.length > 0) blocks.push({ kind: "list", ordered: name === "ol", items });
      } else if (name === "blockquote") {
        flush();
        walk(el.children, true);
        flush("quote");
      } else if (blockLevel.has(name) || name === "li") {
        flush(quote ? "quote" : "paragraph");
        walk(el.children, quote);
        flush(quote ? "quote" : "paragraph");
      } else {
        walk(el.children, quote);
      }
    }
  };
  walk(doc.children, false);
  flush();
  return tidyBlocks(blocks);
}

function textOf(el: Element): string {
  let s = "";
  const walk = (nodes: readonly AnyNode[]) => {
    for (const n of nodes) {
      if (n.type === "text") s += (n as unknown as { data: string }).data;
      else if (n.type === "tag" && !skipped.has((n as Element).name.toLowerCase())) {
        if ((n as Element).name.toLowerCase() === "br") s += " ";
        walk((n as Element).children);
      }
    }
  };
  walk(el.children);
  return s.replace(/[ \t\r\n\f]+/g, " ").trim();
}

/** HTML to plain text by a linear scan: every tag becomes a paragraph break. */
function flatten(html: string): string {
  return stripInert(html)
    .replace(/<[^<>]*>/g, "\n\n")
    .replace(/\n{3,}/g, "\n\n");
}
