/**
 * Wall-clock time in the newsroom's time zone (TZ, default Africa/Bamako) without a library:
 * quiet hours, digest hours, "today" in stats and schedules all mean local time there.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date and time of an instant. */
export function localParts(date: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC (ms) at an instant: local clock minus UTC. */
function offsetAt(ms: number, timeZone: string): number {
  const at = Math.floor(ms / 1000) * 1000;
  const p = localParts(new Date(at), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
}

/**
 * The instant when the local clock shows this date and time. As Temporal's "compatible"
 * rule: a time skipped by a spring-forward gap resolves forward by the gap (02:30 in Paris on
 * the last Sunday of March is 03:30), a time shown twice (autumn) is the earlier one. The
 * offsets a day before and after bound any single change; each candidate is kept only if the
 * zone really has that offset then.
 */
export function fromLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const day_ = 86_400_000;
  const before = offsetAt(wanted - day_, timeZone);
  const after = offsetAt(wanted + day_, timeZone);
  const candidates = [wanted - before, wanted - after]
    .filter((t) => wanted - offsetAt(t, timeZone) === t)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In the gap: read with the offset from before the change, i.e. moved forward by the gap.
  return new Date(wanted - before);
}

/** "2025-04-02": the local day of an instant (a key for digests and daily caps). */
export function localDay(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The local day `[start, end)` containing `date`. */
export function localDayRange(date: Date, timeZone: string): { start: Date; end: Date } {
  const p = localParts(date, timeZone);
  const start = fromLocal(timeZone, p.year, p.month, p.day);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  const end = fromLocal(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  return { start, end };
}

/** Minutes since local midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/** The instant at "HH:MM" on the local day of `date`, `addDays` days later. */
export function atLocalTime(date: Date, hhmm: string, timeZone: string, addDays = 0): Date {
  const p = localParts(date, timeZone);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + addDays));
  const minutes = minutesOf(hhmm);
  return fromLocal(
    timeZone,
    day.getUTCFullYear(),
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    Math.floor(minutes / 60),
    minutes % 60,
  );
}

export interface QuietHours {
  start: string;
  end: string;
}

/** Whether `date` falls in the quiet hours (which may cross midnight: 22:00–07:00). */
export function isQuiet(date: Date, quiet: QuietHours, timeZone: string): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const p = localParts(date, timeZone);
  const now = p.hour * 60 + p.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** `date` itself when sending is allowed then, else the end of the quiet hours. */
export function nextAllowedTime(date: Date, quiet: QuietHours, timeZone: string): Date {
  if (!isQuiet(date, quiet, timeZone)) return date;
  const p = localParts(date, timeZone);
  const now = p.hour * 60 + p.minute;
  const crossesMidnight = minutesOf(quiet.start) > minutesOf(quiet.end);
  const endTomorrow = crossesMidnight && now >= minutesOf(quiet.start);
  return atLocalTime(date, quiet.end, timeZone, endTomorrow ? 1 : 0);
}

/** Parses "2025-04-02 18:00" (or with a T) as local time in the newsroom's zone; null if bad. */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = fromLocal(timeZone, year, month, day, hour, minute);
  const back = localParts(date, timeZone);
  if (back.day !== day || back.month !== month) return null;
  return date;
}

/** "18:00" or "2 avr. 18:00" in the newsroom's zone, for ETAs and schedules. */
export function formatLocal(date: Date, timeZone: string, now?: Date): string {
  const p = localParts(date, timeZone);
  const hm = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
  if (now && localDay(now, timeZone) === localDay(date, timeZone)) return hm;
  return `${localDay(date, timeZone)} ${hm}`;
}
