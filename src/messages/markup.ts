import { truncate } from "../lib/truncate.ts";

// The word-boundary cut lives with the other text helpers (ingest uses it too); messages use it
// through here.
export { truncate };

/** WhatsApp refuses (Cloud API) or splits texts over 4,096 characters: every message stays under. */
export const MAX_MESSAGE_CHARS = 4096;

const url = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;

/**
 * Article text made inert for WhatsApp markup: `*`, `_`, `~` and backticks outside links
 * become look-alike characters, so a stray asterisk can never bold half a message. Links are
 * left byte for byte (they must still open).
 */
export function escapeMarkup(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(url)) {
    out += inert(text.slice(last, m.index));
    out += m[0];
    last = m.index + m[0].length;
  }
  return (out + inert(text.slice(last))).replace(/^(\s*)>/gm, "$1›");
}

function inert(text: string): string {
  return text.replace(/[*_~`]/g, (c) => ({ "*": "∗", _: "ˍ", "~": "∼", "`": "ˋ" })[c] ?? c);
}

/** `*text*`, with the text escaped and trimmed (WhatsApp ignores markers next to spaces). */
export function bold(text: string): string {
  return wrap(text, "*");
}

/** `_text_`, escaped and trimmed. */
export function italic(text: string): string {
  return wrap(text, "_");
}

/**
 * A text holding a link stays plain: a marker glued to a link ("…www.site.ml/a_b*") would
 * become part of the link and leave the span open, and links keep their own `_` and `*`.
 */
function wrap(text: string, marker: string): string {
  const t = escapeMarkup(text).trim();
  if (!t) return "";
  url.lastIndex = 0;
  return url.test(t) ? t : `${marker}${t}${marker}`;
}

/**
 * Joins message parts with blank lines, dropping empty ones, and guarantees the 4,096 limit:
 * parts are shortened from the last flexible one (`shrink` indexes) first.
 */
export function compose(parts: readonly string[], max = MAX_MESSAGE_CHARS): string {
  const kept = parts.filter((p) => p.trim() !== "");
  let text = kept.join("\n\n");
  if (text.length <= max) return text;
  // Too long: cut the longest part (the body) rather than the title or the link.
  const longest = kept.reduce((best, p, i) => ((kept[best]?.length ?? 0) < p.length ? i : best), 0);
  const over = text.length - max;
  const target = kept[longest] ?? "";
  kept[longest] = truncate(target, Math.max(0, target.length - over - 1));
  text = kept.filter((p) => p.trim() !== "").join("\n\n");
  return text.length <= max ? text : truncate(text, max);
}
