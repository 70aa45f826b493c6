import type { Understanding } from "./intents.ts";

/**
 * Tips: a rumour to check, a question about the news, a report of something happening, a chain
 * message — what a newsroom's WhatsApp number receives by the hundred (RFI Afrique, 2019) and
 * cannot answer with a command. Read on the folded text (`normalize.ts`: no accents, elisions
 * split, « c vrai ke » → « c vrai que »), after the command rules: a tip is only ever made of
 * what they could not act on, so no command (and no opt-out) is lost to it.
 */

// Asking the newsroom to check: « est-ce vrai que », « vérifiez », « info ou intox »…
const CHECK =
  /\b(?:est ce (?:que )?(?:c est )?vrai|c est (?:vraiment |bien )?vrai|c vrai|es ce vrai|est il vrai|vrai ou faux|info ou intox|intox|is it true|is that true|is this true|true or false|real or fake|fake or (?:not|real)|rumeurs?|il parait|on dit que|on raconte que|les gens disent|j ai entendu (?:dire )?que|verifi\w*|fact ?check\w*|can you check|please check|confirme[rz]? (?:cette|cet|l|la|le|les|que|si)|vous confirmez|dementi\w*)\b/u;

// A chain message: what readers forward asking whether it is true.
const CHAIN =
  /\b(?:faites (?:tourner|circuler|passer)|partagez (?:a|avec|ce|le|au maximum)|transferez (?:ce|a|le)|diffusez (?:ce|le|a tous)|forward (?:this|to))\b/u;

// Something happening that a reader reports: an event word after « il y a », or « venez voir ».
const REPORT =
  /\b(?:il y a eu (?:un|une|des)|il y a (?:un|une|des) (?:\w+ ){0,2}?(?:accident|incendie|feu|explosion|attaque|manifestation|marche|inondation|bagarre|greve|fusillade|coups? de feu|effondrement|eboulement|braquage|enlevement|arrestation|evasion)|venez (?:voir|filmer|couvrir|constater|vite)|je suis (?:sur place|temoin)|en ce moment meme)\b/u;

// A question about the reader themself or about the service: not a tip (the menu, a complaint).
const SELF_OR_SERVICE =
  /\b(?:vous|votre|vos|tu|toi|ton|ta|tes|te|t|je|j|moi|me|m|mon|ma|mes|on peut|bot|robot|lien|link|article|articles|message|messages|sms|site|alertes?|notif\w*|service|whatsapp|envois?|abonnement|abonne\w*|numero|appli\w*|chaine|journal|you|your|i|my|me|we)\b/u;

// Words that carry no subject of their own: a question needs two others to be about something.
const LIGHT = new Set(
  (
    "le la les l un une des du de d au aux a et ou en dans sur pour par avec ce cet cette ces que qu qui " +
    "quoi quand quel quelle quels quelles ou comment combien pourquoi est sont c ca il elle ils elles y se " +
    "s ne n pas plus est ce que vraiment the a an of to in on at is are was were be it that this what " +
    "when where who why how does do did will"
  ).split(" "),
);

/**
 * Whether a message the command rules left as `from` is a tip for the newsroom. `raw` is the
 * message as written (the question mark is read there: normalising drops it).
 */
export function isTip(folded: string, raw: string, from: Understanding): boolean {
  const s = ` ${folded} `;
  const checks = CHECK.test(s) || CHAIN.test(s);
  switch (from.intent) {
    case "unknown":
      if (checks || REPORT.test(s)) return true;
      return isNewsQuestion(s, raw);
    // « Vérifiez l'info sur la mort de l'artiste », « info ou intox : le bac est annulé »: the
    // news words made it look like a request for articles; the check makes it a tip. An
    // explicit search verb keeps it a search.
    case "search":
    case "latest":
      return (
        checks && !/^\s*(?:chercher|cherche|cherchez|recherche\w*|search|find|trouve\w*)\b/u.test(s)
      );
    // « il y a eu une explosion à Ouaga 2000 » is not « read 2000 ».
    case "read":
      return REPORT.test(s) || CHAIN.test(s);
    // « C'est vrai que vous allez arrêter les alertes ? » asks, it does not opt out.
    case "stop":
      return (
        /\?\s*$/u.test(raw.trim()) &&
        /\b(?:est ce (?:que )?vrai|c est vrai|c vrai|is it true)\b/u.test(s)
      );
    default:
      return false;
  }
}

/**
 * A message the rules found unclear (it has « arrêt », « fin »…) that is a question about the
 * world — « Le ministre a été arrêté ? », « L'arrêt de bus de Ouaga a brûlé ? » — is a tip, not
 * a doubtful opt-out. One with an opt-out word of its own (« stop ou encore ? ») stays a doubt.
 */
export function isTipDespiteDoubt(folded: string, raw: string): boolean {
  const s = ` ${folded} `;
  if (
    /\b(?:stop\w*|desabo\w*|desinscri\w*|unsubscribe|quit\w*|assez|marre|suffit|cancel|remove)\b/u.test(
      s,
    )
  ) {
    return false;
  }
  return isNewsQuestion(s, raw);
}

/** A question about the world (« Les taxis sont en grève demain à Dakar ? »), not about us. */
function isNewsQuestion(s: string, raw: string): boolean {
  if (!/\?/u.test(raw)) return false;
  if (SELF_OR_SERVICE.test(s)) return false;
  const heavy = s.split(" ").filter((w) => w.length > 1 && !LIGHT.has(w) && !/^\d+$/.test(w));
  return heavy.length >= 2;
}
