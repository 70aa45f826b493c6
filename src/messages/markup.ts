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

const MARKERS = ["```", "*", "_", "~"] as const;

/**
 * The WhatsApp spans still open at the end of `text` (a cut fell inside them), last opened
 * first. A marker opens after a space, a line start or punctuation and before a non-space; it
 * closes after a non-space; one inside a word (`sport_auto`) is text. Links are skipped: their
 * `_` and `*` belong to the address.
 */
function openSpans(text: string): { marker: string; at: number }[] {
  url.lastIndex = 0;
  const plain = text.replace(url, (m) => " ".repeat(m.length));
  const open = new Map<string, number>();
  for (let i = 0; i < plain.length; i++) {
    const marker = MARKERS.find((m) => plain.startsWith(m, i));
    if (!marker) continue;
    const before = plain[i - 1] ?? " ";
    const after = plain[i + marker.length] ?? " ";
    const canClose = /\S/.test(before) && !/[\p{L}\p{N}]/u.test(after);
    const canOpen = !/[\p{L}\p{N}]/u.test(before) && /\S/.test(after);
    if (open.has(marker) && canClose) open.delete(marker);
    else if (!open.has(marker) && canOpen) open.set(marker, i);
    i += marker.length - 1;
  }
  return [...open].map(([marker, at]) => ({ marker, at })).sort((a, b) => b.at - a.at);
}

/** Closes the spans a cut left open, or drops an opening marker with nothing after it. */
function closeSpans(text: string): string {
  let out = text;
  for (const { marker, at } of openSpans(text)) {
    const inside = out.slice(at + marker.length);
    out = /\S/.test(inside)
      ? `${out.trimEnd()}${marker}`
      : out.slice(0, at) + out.slice(at + marker.length);
  }
  return out.trimEnd();
}

/**
 * Shortens a message with markup to at most `max` characters: at a line end when one is near
 * (a long list loses whole lines), else at a space, then closes every `*`, `_`, `~` or
 * ```` ``` ```` span the cut left open — an unclosed `_` would show raw, or italicise the rest.
 */
export function cutMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let budget = max - 1; budget > 0; budget -= 8) {
    const room = text.slice(0, budget);
    const lineEnd = room.lastIndexOf("\n");
    let kept: string;
    let ellipsis = "…";
    if (lineEnd >= budget * 0.75) {
      kept = room.slice(0, lineEnd);
      ellipsis = "\n…";
    } else {
      const space = room.search(/\s\S*$/);
      kept = space > 0 ? room.slice(0, space).replace(/[\s,;:·•|/–—-]+$/, "") : "";
    }
    kept = closeSpans(kept);
    if (!kept) return "";
    if (kept.length + ellipsis.length <= max) return kept + ellipsis;
  }
  return "";
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
  kept[longest] = cutMarkup(target, Math.max(0, target.length - over - 1));
  text = kept.filter((p) => p.trim() !== "").join("\n\n");
  return text.length <= max ? text : cutMarkup(text, max);
}
