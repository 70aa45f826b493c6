/** Elements whose content is never article text and that a DOM parser would spend time on. */
const INERT = ["script", "style", "svg", "noscript", "template", "iframe"];

/**
 * Removes comments and script/style/svg/noscript/template/iframe elements from HTML text with a
 * linear scan (indexOf, no backtracking regex), before a DOM parser sees it: pages are two
 * thirds script and style. JSON-LD scripts (`application/ld+json`) are kept: they carry the
 * article's metadata. An element left unclosed removes the rest of the page.
 */
export function stripInert(html: string): string {
  // The openings only, found by one case-insensitive search: lowercasing the whole page first
  // (a copy as big as the page) cost more than the scan itself.
  const parts: string[] = [];
  let kept = 0;
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(html); m !== null; m = OPENING.exec(html)) {
    const lt = m.index;
    const end = inertEnd(html, lt, (m[1] ?? "").toLowerCase());
    if (end < 0) {
      OPENING.lastIndex = lt + 1;
      continue;
    }
    parts.push(html.slice(kept, lt));
    kept = end;
    OPENING.lastIndex = end;
  }
  if (kept === 0) return html;
  parts.push(html.slice(kept));
  return parts.join("");
}

/** A comment, or an inert element's start tag (its name in group 1). */
const OPENING = new RegExp(`<(?:!--|(${INERT.join("|")})(?![\\w-]))`, "gi");

/** Where the comment or inert element starting at `lt` ends, or -1 when it is kept. */
function inertEnd(html: string, lt: number, name: string): number {
  if (name === "") {
    const close = html.indexOf("-->", lt + 4);
    return close < 0 ? html.length : close + 3;
  }
  const tagEnd = html.indexOf(">", lt);
  if (name === "script" && /ld\+json/i.test(html.slice(lt, tagEnd < 0 ? undefined : tagEnd))) {
    return -1;
  }
  const close = indexOfCaseless(html, `</${name}`, lt);
  if (close < 0) return html.length;
  const gt = html.indexOf(">", close);
  return gt < 0 ? html.length : gt + 1;
}

/** `indexOf` ignoring ASCII case, for a lowercase needle. */
function indexOfCaseless(haystack: string, needle: string, from: number): number {
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "gi");
  re.lastIndex = from;
  return re.exec(haystack)?.index ?? -1;
}
