/**
 * Lines of site furniture that a copied news page carries around its article, recognised by
 * their form (what such lines are for), not by any site's wording: skip links, follow/share
 * calls, cookie and ad-blocker banners, comment widgets, pagination, tickers, layout toggles,
 * template placeholders, counters, reading-time labels and ad sizes.
 */
const CHROME: readonly RegExp[] = [
  /^(?:aller|acc[ée]der|passer|skip) (?:au|à|to) (?:contenu|menu|content|main)/i,
  /^(?:connect with us|follow us|suivez[- ]nous|rejoignez[- ]nous|abonnez[- ]vous|partager|partagez|share)\b/i,
  // Cookies and what they are for, in either order. Anchored: an unanchored lookahead is
  // tried at every position of the line, which is quadratic on a long one.
  /^(?=.*\bcookies?\b)(?=.*\b(?:site|exp[ée]rience|navigation|accept|consent|fonctionn))/i,
  /\b(?:bloqueur de pub|ad-?block|d[ée]sactiv\S* (?:le|votre) bloqueur)/iu,
  /\bpublicit[ée](?!\p{L}).*\b(?:bloqu|survivre|revenus?)/iu,
  // An agency's sign-off code: « SML/ANP/012/Décembre 2024 ».
  /^\p{Lu}{2,}(?:\/[\p{L}\d]+){2,}(?: \d{4})?$/u,
  /^(?:click to comment|leave a (?:reply|comment)|laisser un commentaire|laissez un commentaire|ajouter un commentaire|r[ée]agir|comments?|commentaires?|\d+ (?:comments?|commentaires?))\s*:?$/i,
  /votre adresse (?:e-?mail|de messagerie) ne sera pas publi[ée]e/i,
  /^(?:[\p{L}]+)\s*:\s*\d+$/u,
  /\bpage \d+ (?:sur|of|\/) \d+\b/i,
  /^(?:last update|derni[èe]re mise à jour)\b/i,
  // A date label whose date the copied text lost: « Published » then « on », « Publié le ».
  /^(?:published|posted|updated|publi[ée]e?s?|post[ée]e?|mis en ligne|mis à jour|modifi[ée]e?)(?:\s+(?:on|le|:))?\s*:?$/i,
  /◊/,
  /\{\{|\}\}|==>|<==/,
  /^[a-z]+(?:_[a-z]+)+$/,
  /^\d{2,4} ?x ?\d{2,4}$/,
  /^(?:temps de )?lecture\s*:\s*\d+\s*min/i,
  /^(?:[[(]?\s*)?(?:[àa] )?lire (?:aussi|[ée]galement|la suite|sa |son |l['’]|ici)/i,
  /^lire .{0,60}\bici$/i,
  /^(?:articles? (?:li[ée]s|similaires|connexes|r[ée]cents)|autres? (?:actualit[ée]s|articles)|dans la m[êe]me rubrique|sur le m[êe]me sujet|voir aussi|related|top stories|most read|les plus lus)\b/i,
  /^(?:flash sale|offre sp[ée]ciale|newsletter|inscrivez-vous)\b/i,
];

/** Furniture is a line of a few words: a paragraph of prose is never one. */
const CHROME_MAX_CHARS = 1000;

/** A line of site furniture (see CHROME), or a line without words (counters, « × »). */
export function isChromeLine(t: string): boolean {
  let letters = 0;
  let visible = 0;
  // The share of letters of a long line is that of its start.
  for (const ch of t.length > CHROME_MAX_CHARS ? t.slice(0, CHROME_MAX_CHARS) : t) {
    if (/\s/.test(ch)) continue;
    visible++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  if (letters === 0 || letters < visible * 0.5) return true;
  if (t.length > CHROME_MAX_CHARS) return false;
  // A menu of links run together: « Accueil | Politique | Société | Sport ».
  if (t.split(/\s\|\s/).length > 3) return true;
  return CHROME.some((re) => re.test(t));
}

/** A photo caption's credit: « © AFP/… », « …/Ph:DR », « Photo : … », « (Image: …) ». */
export function isCreditLine(t: string): boolean {
  if (t.length > 300) return false;
  return (
    /©|\(c\)\s/i.test(t) ||
    /\/\s*ph(?:oto)?\s*:\s*\S+$/i.test(t) ||
    /^(?:photo|cr[ée]dits?(?: photo)?|image|illustration|légende)\s*:/i.test(t) ||
    /\((?:photo|image|ph)\s*:[^)]*\)$/i.test(t)
  );
}

/**
 * Noise glued to article text on the same line: an image file name before the first word
 * (« A60P6882-660x380En écoutant »), a « … la suite sur Site » link after the last one.
 */
export function stripGluedNoise(t: string): string {
  return t
    .replace(/^[\w-]*\d{2,4}x\d{2,4}(?:\.(?:jpe?g|png|webp|gif))?(?=\p{Lu})/u, "")
    .replace(/\s*(?:…|\.\.\.)?\s*(?:lire )?la suite sur \S.{0,40}$/i, "")
    .trim();
}
