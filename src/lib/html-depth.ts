/** Elements that never hold children: they open no nesting level. */
const VOID =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|basefont|frame|keygen)$/i;

/** Deeper than any real page (real news pages stay under ~60 levels; browsers cap at 512). */
export const MAX_HTML_DEPTH = 512;

/**
 * The deepest element nesting in an HTML text, measured by a linear scan of its tags (no tree is
 * built, no recursion): a parser or a tree walk given 200,000 nested `<div>` would spend seconds
 * or overflow the stack. Stops counting once `limit` is passed. Unclosed `<p>`/`<li>` are
 * not counted (they close implicitly). Give it text without comments and scripts (stripInert).
 */
export function htmlDepth(html: string, limit = MAX_HTML_DEPTH): number {
  // Tag by tag; comments and scripts were removed beforehand (stripInert), linearly.
  // `(?![\w:-])`: the name is taken whole, never given back to `[^<>]*?` — « <a » then 10^5
  // dashes and no `>` was quadratic (200 kB: minutes).
  const tag = /<(\/?)([a-zA-Z][\w:-]*)(?![\w:-])[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2];
    if (!name) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.test(name) && !/^(?:p|li|option|td|tr|dt|dd)$/i.test(name)) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
  }
  return max;
}
