/**
 * The one mapping between phone numbers and WhatsApp chat ids. A person's chat id is
 * `DIGITS@c.us` (the number in E.164 without "+"); `…@lid` ids hide the number and only the
 * transport can resolve them; groups (`@g.us`), Channels (`@newsletter`) and status updates are
 * not people.
 */

/** 6 to 15 digits, no leading zero: what E.164 allows after the "+". */
const DIGITS = /^[1-9]\d{5,14}$/;

/** A number as people type it ("+223 70 00 00 00", "22370000000", "…@c.us") → "+22370000000". */
export function normalisePhone(text: string): string | null {
  const digits = text
    .trim()
    .replace(/@c\.us$/, "")
    .replace(/[\s().-]/g, "")
    .replace(/^\+/, "");
  return DIGITS.test(digits) ? `+${digits}` : null;
}

/** `22370000000@c.us` → `+22370000000`; null for any other id (an `@lid`, a group…). */
export function phoneOfChatId(id: string): string | null {
  const digits = /^(\d+)@c\.us$/.exec(id)?.[1];
  return digits !== undefined && DIGITS.test(digits) ? `+${digits}` : null;
}

/** A phone number, or an id already (`…@c.us`, `…@lid`) → the chat id to write to, or null. */
export function chatIdOf(to: string): string | null {
  if (/^[\w.:-]+@(c\.us|lid)$/.test(to)) return to;
  const phone = normalisePhone(to);
  return phone ? `${phone.slice(1)}@c.us` : null;
}
