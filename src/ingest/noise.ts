/**
 * Lines a newsroom's page carries that are not the article: advertising markers, follow-us
 * footers, syndication notices, "read also" links. Matched on a whole cleaned line.
 */
const noiseLines: readonly RegExp[] = [
  /^(?:la )?suite (?:apr[eè]s|de l'article apr[eè]s) (?:la |cette )?publicit[eé]\.?$/i,
  /^(?:publicit[eé]|pub|advert|advertisement|advertising|annonce|sponsoris[eé]|sponsored|contenu sponsoris[eé]|comments?|commentaires?)\.?$/i,
  // A WordPress shortcode left as text: "[button link=…] Send us …[/button]".
  /^\[(\w+)\b[^\]]*\].*\[\/\1\]$/,
  // (?![\p{L}\p{N}]) rather than \b, which sees no word end after « é ».
  /^suivez[- ](?:l['’]information|l['’]actualit[eé]|toute l['’]actu|nous|notre|nos|[A-Z][\w'’ ]{0,40} sur)(?![\p{L}\p{N}])/iu,
  /^(?:rejoignez|abonnez)[- ](?:nous|vous)\b/i,
  /^(?:retrouvez|rejoignez)[- ]nous sur\b/i,
  /^l['’]article .{1,400} est apparu en premier sur .{1,200}$/i,
  /^(?:[[(]?\s*)?(?:[àa] )?lire (?:aussi|[eé]galement|la suite)\b/i,
  /^(?:voir|regarder|[ée]couter) aussi\b/i,
  /^(?:partager|partagez) (?:cet article|sur)\b/i,
  /^(?:cr[ée]dit(?:s)? photo|photo)\s*:/i,
];

/**
 * Calls to action a page puts around its article, whatever their wording: a line that says
 * « cliquez ici » / « click here », one that offers a newsletter with a verb of subscribing,
 * one that asks for JavaScript, the site's copyright notice. Short lines only: prose may
 * mention these words in passing.
 */
const callsToAction: readonly RegExp[] = [
  /\b(?:cliquez ici|click here)\b/i,
  /^(?=.*\b(?:newsletters?|infolettres?|lettres? d['’]information)\b)(?=.*\b(?:sign(?:ing)? up|subscribe|inscri(?:vez|re|ption)|abonn(?:ez|er|ement)|recevez|receive|delivered)\b)/i,
  /\bjavascript\b.*\b(?:requires?|required|enable|activ(?:ez|er)|n[ée]cessaire|requis)\b|\b(?:requires?|enable|activ(?:ez|er))\b.*\bjavascript\b/i,
  // The site's copyright notice: « © 2024 Le Site. Tous droits réservés », « Copyright 2019 … ».
  /(?:©|\bcopyright\b).{0,160}(?:\b(?:19|20)\d\d\b|droits r[ée]serv[ée]s|rights reserved)|\b(?:tous droits r[ée]serv[ée]s|all rights reserved)\b/i,
];
const CALL_MAX_CHARS = 300;

/**
 * Openings of text that is navigation, promotion or credits rather than news: broader than the
 * whole lines above, for what a summary must never start with ("Lire aussi …", "Photo : …").
 */
const NOISE_OPENING =
  /^(lire aussi|à lire|a lire|voir aussi|à voir|regarder|vidéo\s*[-:–]|photo\s*[-:–]|crédits?\b|©|\(?photo\b|source\s*:|publicité|la suite après|suivez|abonnez|cliquez|retrouvez|partager|inscrivez)/iu;

/** Whether a sentence or line starts the way navigation, promotion or credits do. */
export function startsLikeNoise(text: string): boolean {
  return NOISE_OPENING.test(text);
}

export function isNoiseLine(line: string): boolean {
  const s = line.trim();
  if (s.length === 0 || s.length >= 500) return false;
  if (noiseLines.some((re) => re.test(s))) return true;
  return s.length < CALL_MAX_CHARS && callsToAction.some((re) => re.test(s));
}

// Leftover page script: `window.x = new Pvp(…)`, `var x = …`, `googletag.cmd.push(…)`.
const scriptStart =
  /(?:^|\s)(?:window\.[\w$.]+\s*=|(?:var|let|const)\s+[\w$]+\s*=|googletag\.|\(adsbygoogle|dataLayer\.push|document\.write\(|\(function\s*\(|jQuery\(|\$\(document\))/;

/** Removes script text left in a paragraph, from where it starts to where the call ends. */
export function stripScript(text: string): string {
  const match = scriptStart.exec(text);
  if (!match) return text;
  const start = match.index;
  // The script usually runs to the end of the scraped paragraph; when prose follows a closing
  // `});` or `);`, keep that prose.
  const rest = text.slice(start);
  const end = /(?:\}\s*\)|\))\s*;\s*(?=\p{Lu})/u.exec(rest);
  const kept = end
    ? text.slice(0, start) + rest.slice(end.index + end[0].length)
    : text.slice(0, start);
  return stripScript(kept.trim());
}
