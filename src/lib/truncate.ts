/**
 * Shortens text to at most `max` characters, cutting only at a space (never inside a word or a
 * link) and ending with "…". A text already short enough is returned as it is.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return "";
  const room = text.slice(0, max - 1);
  const space = room.search(/\s\S*$/);
  const cut = space > 0 ? room.slice(0, space) : "";
  return cut ? `${cut.replace(/[\s,;:–—-]+$/, "")}…` : "";
}
