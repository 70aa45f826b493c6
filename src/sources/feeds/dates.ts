import { fold } from "../../lib/fold.ts";

/**
 * Dates as feeds write them. RFC 822 with or without the day name, two- or four-digit years,
 * numeric or named zones ("GMT", "EST"), English or French month names; ISO 8601 with a "T"
 * or a space, with or without seconds, fraction or zone. A date without a zone is read as UTC
 * (not the server's local time: the result must not depend on where the bot runs).
 */

const months: Record<string, number> = {
  jan: 1,
  janv: 1,
  janvier: 1,
  january: 1,
  feb: 2,
  fev: 2,
  fevr: 2,
  fevrier: 2,
  february: 2,
  mar: 3,
  mars: 3,
  march: 3,
  apr: 4,
  avr: 4,
  avril: 4,
  april: 4,
  may: 5,
  mai: 5,
  jun: 6,
  juin: 6,
  june: 6,
  jul: 7,
  juil: 7,
  juillet: 7,
  july: 7,
  aug: 8,
  aou: 8,
  aout: 8,
  august: 8,
  sep: 9,
  sept: 9,
  septembre: 9,
  september: 9,
  oct: 10,
  octobre: 10,
  october: 10,
  nov: 11,
  novembre: 11,
  november: 11,
  dec: 12,
  decembre: 12,
  december: 12,
};

// RFC 822 zone names, in minutes east of UTC.
const zones: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  WAT: 60,
  CET: 60,
  CEST: 120,
  BST: 60,
};

const iso =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const rfc822 =
  /^(?:[a-zé]{2,10}\.?,?\s+)?(\d{1,2})(?:er)?\s+([a-zéû]{3,10})\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2})?$/i;

/** A feed's date string as a Date, or null when it is missing or unreadable. */
export function parseFeedDate(raw: string | undefined | null): Date | null {
  const s = raw?.trim().replace(/\s+/g, " ");
  if (!s) return null;
  const m = iso.exec(s);
  if (m) {
    return build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      zoneMinutes(m[7]),
    );
  }
  const r = rfc822.exec(s);
  if (r) {
    const month = months[fold(r[2] ?? "")];
    if (month === undefined) return null;
    let year = Number(r[3]);
    if (year < 100) year += year < 70 ? 2000 : 1900;
    return build(
      year,
      month,
      Number(r[1]),
      Number(r[4] ?? 0),
      Number(r[5] ?? 0),
      Number(r[6] ?? 0),
      zoneMinutes(r[7]),
    );
  }
  return null;
}

function zoneMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const named = zones[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: number | null,
): Date | null {
  if (zone === null || year < 1990 || year > 2100) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - zone * 60_000;
  const date = new Date(ms);
  // 31 February and friends roll over silently in Date.UTC: refuse them instead.
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? date : null;
}
