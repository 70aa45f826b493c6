import { fold } from "./fold.ts";
import { fromLocal, localParts } from "./zoned-time.ts";

/**
 * Reads a date and time as editors type them on a phone, in the newsroom's time zone:
 * « 18h », « 18h30 », « 7:30 », « demain 7h30 », « aujourd'hui 18h », « 05/12 18:00 »,
 * « 05/12/2026 18h », « 2026-12-05 18:00 » (and « tomorrow 7:30 », « today 18:00 »).
 * A day and month without a year that is already behind us means next year's; the time
 * alone means today. Returns null when the text is not one of these forms or not a real date.
 *
 * @example parseWhen("demain 7h30", now, "Africa/Bamako") // tomorrow at 07:30 in Bamako
 */
export function parseWhen(text: string, now: Date, timeZone: string): Date | null {
  const t = fold(text).replace(/\s+/g, " ").replace(/ a /g, " ").replace(/^le /, "").trim();
  const m =
    /^(?:(?<rel>aujourd'hui|aujourd hui|auj|today|demain|tomorrow|apres-demain|apres demain)|(?<d>\d{1,2})[/.-](?<mo>\d{1,2})(?:[/.-](?<y>\d{2}|\d{4}))?|(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2}))?[ t]*(?:(?<h>\d{1,2})(?:h|:|h:)?(?<mi>\d{2})?h?)$/.exec(
      t,
    );
  const g = m?.groups;
  if (!g || g.h === undefined) return null;
  const hour = Number(g.h);
  const minute = g.mi === undefined ? 0 : Number(g.mi);
  if (hour > 23 || minute > 59) return null;
  // "18" alone is a number, not a time: an hour needs its "h" or ":".
  if (g.mi === undefined && !/h$/.test(t) && !/\d:$/.test(t)) return null;
  const today = localParts(now, timeZone);
  let year = today.year;
  let month = today.month;
  let day = today.day;
  if (g.rel) {
    const add = /apres/.test(g.rel) ? 2 : /demain|tomorrow/.test(g.rel) ? 1 : 0;
    const d = new Date(Date.UTC(year, month - 1, day + add));
    year = d.getUTCFullYear();
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  } else if (g.d !== undefined && g.mo !== undefined) {
    day = Number(g.d);
    month = Number(g.mo);
    if (g.y !== undefined) year = g.y.length === 2 ? 2000 + Number(g.y) : Number(g.y);
    else if (month * 100 + day < today.month * 100 + today.day) year += 1;
  } else if (g.iy !== undefined && g.im !== undefined && g.id !== undefined) {
    year = Number(g.iy);
    month = Number(g.im);
    day = Number(g.id);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const at = fromLocal(timeZone, year, month, day, hour, minute);
  const back = localParts(at, timeZone);
  if (back.day !== day || back.month !== month) return null;
  return at;
}
