/** Elements whose content is never article text and that a DOM parser would spend time on. */
const INERT = ["script", "style", "svg", "noscript", "template", "iframe"];

/**
 * Removes comments and script/style/svg/noscript/template/iframe elements from HTML text with a
 * linear scan (indexOf, no backtracking regex), before a DOM parser sees it: pages are two
 * thirds script and style. JSON-LD scripts (`application/ld+json`) are kept: they carry the
 * article's metadata. An element left unclosed removes the rest of the page.
 */
export function stripInert(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let kept = 0;
  let pos = 0;
  for (;;) {
    const lt = lower.indexOf("<", pos);
    if (lt < 0) break;
    const end = inertEnd(lower, lt);
    if (end < 0) {
      pos = lt + 1;
      continue;
    }
    parts.push(html.slice(kept, lt));
    kept = pos = end;
  }
  parts.push(html.slice(kept));
  return parts.join("");
}

/** Where the comment or inert element starting at `lt` ends, or -1 when it is not one. */
function inertEnd(lower: string, lt: number): number {
  if (lower.startsWith("<!--", lt)) {
    const close = lower.indexOf("-->", lt + 4);
    return close < 0 ? lower.length : close + 3;
  }
  const name = INERT.find(
    (n) => lower.startsWith(n, lt + 1) && !/[\w-]/.test(lower.charAt(lt + 1 + n.length)),
  );
  if (!name) return -1;
  const tagEnd = lower.indexOf(">", lt);
  if (name === "script" && lower.slice(lt, tagEnd < 0 ? undefined : tagEnd).includes("ld+json")) {
    return -1;
  }
  const close = lower.indexOf(`</${name}`, lt);
  if (close < 0) return lower.length;
  const gt = lower.indexOf(">", close);
  return gt < 0 ? lower.length : gt + 1;
}
