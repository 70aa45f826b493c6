import type { ArticleInput } from "../../domain/article.ts";
import { fold } from "../../lib/fold.ts";
import { printable } from "../../lib/printable.ts";

/** What a feed needs to know about the stored article an item would replace. */
export interface ExistingArticle {
  id: number;
  /** Where it came from: a feed address, a file path, "editor"… */
  origin: string;
  categories: readonly string[];
}

export type Claim =
  | { kind: "import"; input: ArticleInput }
  | { kind: "unchanged" }
  | { kind: "refused"; reason: string };

/**
 * Whether a feed item may write the article stored under its guid or url.
 * - Nothing stored, or stored by a feed of the same site: yes. The rubrics are merged with the
 *   stored ones, so two feeds of one site (the main one and its `--category Sport` feed) that
 *   list the same article agree on its rubrics instead of flipping them at every poll; an item
 *   from the other feed that brings no new rubric leaves the article alone.
 * - Stored from anything else (a file, an editor, another site): no. A feed must not overwrite
 *   someone else's article — a file's draft turned into a published, broadcast item by a feed
 *   that copied its guid.
 */
export function claimItem(input: ArticleInput, existing: ExistingArticle | null): Claim {
  if (!existing) return { kind: "import", input };
  if (!sameSite(existing.origin, input.origin)) {
    return {
      kind: "refused",
      reason: `identifiant ou adresse déjà pris par l'article n° ${existing.id} d'une autre source (${printable(existing.origin)}) : élément ignoré, un flux ne remplace pas l'article d'une autre source`,
    };
  }
  const categories = [...existing.categories];
  const seen = new Set(categories.map(fold));
  for (const name of input.categories ?? []) {
    if (!seen.has(fold(name))) categories.push(name);
    seen.add(fold(name));
  }
  if (existing.origin !== input.origin && categories.length === existing.categories.length) {
    return { kind: "unchanged" };
  }
  return { kind: "import", input: { ...input, categories, origin: existing.origin } };
}

/** Both are http(s) addresses of one host (a leading `www.` aside). */
function sameSite(a: string, b: string): boolean {
  const host = (value: string): string | null => {
    try {
      const url = new URL(value);
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      return url.hostname.toLowerCase().replace(/^www\./, "");
    } catch {
      return null;
    }
  };
  const ha = host(a);
  return ha !== null && ha === host(b);
}
