import { escapeHtml } from "./escape.ts";

/**
 * A WhatsApp message as HTML, for the desk's phone bubbles: the text escaped first, then
 * WhatsApp's own markup drawn as the app draws it — `*bold*`, `_italic_`, `~strike~`,
 * ```` ```mono``` ````, `> quote` lines — and links made clickable. Markers count only where
 * WhatsApp counts them: next to a non-space, not inside a word.
 */
export function whatsappHtml(text: string): string {
  const links: string[] = [];
  // Links first, out of the way of the markers (an URL may hold `_` or `*`).
  let out = escapeHtml(text).replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)'"]/g, (url) => {
    links.push(`<a href="${url}" rel="noreferrer noopener" target="_blank">${url}</a>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  out = out.replace(/```([^`]+)```/g, "<code>$1</code>");
  for (const [mark, tag] of [
    ["\\*", "strong"],
    ["_", "em"],
    ["~", "s"],
  ] as const) {
    const re = new RegExp(
      `(^|[\\s(>«"'])${mark}(?=\\S)([^\\n]*?\\S)${mark}(?=$|[\\s.,;:!?)»"'<])`,
      "gm",
    );
    out = out.replace(re, `$1<${tag}>$2</${tag}>`);
  }
  out = out.replace(/^&gt; ?(.*)$/gm, '<span class="quote">$1</span>');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)] ?? "");
}
