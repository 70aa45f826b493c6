/**
 * Shortens text to at most `max` characters, cutting only at a space (never inside a word or a
 * link) and ending with "…". A text already short enough is returned as it is. When no space
 * leaves room for a word, the result is "" — or, with `hard`, the text cut at the limit (a
 * summary must never be empty).
 */
export function truncate(text: string, max: number, options: { hard?: boolean } = {}): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - 1);
  // Back up to a space; if the word straddling the limit is a URL, this drops it whole.
  let end = room;
  while (end > 0 && !/\s/u.test(text[end] ?? " ")) end--;
  const kept = text.slice(0, end).replace(/[\s,;:–—-]+$/u, "");
  if (kept) return `${kept}…`;
  return options.hard ? `${text.slice(0, room)}…` : "";
}
