/** Month names and the abbreviations newsroom pages print (French first, then English). */
const MONTHS: readonly [RegExp, number][] = [
  [/^janv?(?:ier)?\.?$|^jan(?:uary)?\.?$/, 0],
  [/^f[ée]vr?(?:ier)?\.?$|^feb(?:ruary)?\.?$/, 1],
  [/^mars$|^mar(?:ch)?\.?$/, 2],
  [/^avr(?:il)?\.?$|^apr(?:il)?\.?$/, 3],
  [/^mai$|^may$/, 4],
  [/^juin$|^june?\.?$/, 5],
  [/^juil(?:let)?\.?$|^july?\.?$/, 6],
  [/^ao[uû]t?$|^aug(?:ust)?\.?$/, 7],
  [/^sept?(?:embre)?\.?$|^sep(?:t|tember)?\.?$/, 8],
  [/^oct(?:obre)?\.?$|^oct(?:ober)?\.?$/, 9],
  [/^nov(?:embre)?\.?$|^nov(?:ember)?\.?$/, 10],
  [/^d[ée]c(?:embre)?\.?$|^dec(?:ember)?\.?$/, 11],
];

const MONTH_WORD =
  "(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept?(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

const WEEKDAYS: readonly [RegExp, number][] = [
  [/^dim(?:anche)?$|^sun(?:day)?$/i, 0],
  [/^lun(?:di)?$|^mon(?:day)?$/i, 1],
  [/^mar(?:di)?$|^tue(?:sday)?$/i, 2],
  [/^mer(?:credi)?$|^wed(?:nesday)?$/i, 3],
  [/^jeu(?:di)?$|^thu(?:rsday)?$/i, 4],
  [/^ven(?:dredi)?$|^fri(?:day)?$/i, 5],
  [/^sam(?:edi)?$|^sat(?:urday)?$/i, 6],
];
const WEEKDAY_WORD =
  "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

// "22 mars 2025", "1er mars", "16 - Juin - 2019", "Mel20 février 2024", "3 sept. 2024"
const DAY_MONTH = new RegExp(
  `(?:(${WEEKDAY_WORD}),?\\s+(?:le\\s+)?)?(\\d{1,2})\\s*(?:er|ᵉʳ)?\\s*[-–]?\\s*(${MONTH_WORD})(?![\\p{L}])(?:\\s*[-–,]?\\s*(\\d{4}))?`,
  "iu",
);
// "Nov 18, 2019", "avril 26"
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_WORD})\\s+(\\d{1,2})(?!\\d)(?:,?\\s+(\\d{4}))?`,
  "iu",
);
// "30/09/2023", "19-02-2024", "10.03.2021", "vendredi 10/08/2018" (the weekday is part of it)
const NUMERIC = new RegExp(
  `(?:(${WEEKDAY_WORD}),?\\s+(?:le\\s+)?)?(?<!\\d)(\\d{1,2})([/.-])(\\d{1,2})\\3(\\d{4})(?!\\d)`,
  "iu",
);

// "2025-03-22", "2025/03/22": year first (ISO 8601, what a site's template often prints)
const YEAR_FIRST = new RegExp(
  `(?:(${WEEKDAY_WORD}),?\\s+(?:le\\s+)?)?(?<![\\d/.-])(\\d{4})([/.-])(\\d{1,2})\\3(\\d{1,2})(?![\\d/.-])`,
  "iu",
);

export interface FoundDate {
  /** The day, at noon UTC (a page rarely gives the hour). */
  date: Date;
  /** Where the date text starts and ends in the searched string. */
  start: number;
  end: number;
  /** The year was printed (not inferred). */
  hasYear: boolean;
}

/**
 * The first calendar date written in `text`, in the forms French-language news pages use. A date
 * without a year gets the latest year, not after `now`'s, in which it falls on or before `now`
 * — or, when a weekday is written with it (« mardi 19 novembre »), the latest such year where
 * that day is that weekday. `weekdayHint` is searched for a weekday + day + month in other
 * text (the body) when the date itself has none.
 */
export function findDate(text: string, now: Date, weekdayHint = ""): FoundDate | null {
  const candidates: FoundDate[] = [];
  const n = NUMERIC.exec(text);
  if (n) {
    const day = Number(n[2]);
    const month = Number(n[4]) - 1;
    const date = make(Number(n[5]), month, day);
    if (date) candidates.push({ date, start: n.index, end: n.index + n[0].length, hasYear: true });
  }
  const iso = YEAR_FIRST.exec(text);
  if (iso) {
    const date = make(Number(iso[2]), Number(iso[4]) - 1, Number(iso[5]));
    if (date)
      candidates.push({ date, start: iso.index, end: iso.index + iso[0].length, hasYear: true });
  }
  const dm = DAY_MONTH.exec(text);
  if (dm) {
    const month = monthOf(dm[3] ?? "");
    const day = Number(dm[2]);
    if (month !== undefined) {
      const year = dm[4]
        ? Number(dm[4])
        : inferYear(month, day, weekdayOf(dm[1]), now, weekdayHint);
      const date = make(year, month, day);
      if (date)
        candidates.push({
          date,
          start: dm.index,
          end: dm.index + dm[0].length,
          hasYear: Boolean(dm[4]),
        });
    }
  }
  const md = MONTH_DAY.exec(text);
  if (md) {
    const month = monthOf(md[1] ?? "");
    const day = Number(md[2]);
    if (month !== undefined) {
      const year = md[3] ? Number(md[3]) : inferYear(month, day, undefined, now, weekdayHint);
      const date = make(year, month, day);
      if (date)
        candidates.push({
          date,
          start: md.index,
          end: md.index + md[0].length,
          hasYear: Boolean(md[3]),
        });
    }
  }
  candidates.sort((a, b) => Number(b.hasYear) - Number(a.hasYear) || a.start - b.start);
  return candidates[0] ?? null;
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  return MONTHS.find(([re]) => re.test(w))?.[1];
}

function weekdayOf(word: string | undefined): number | undefined {
  return word ? WEEKDAYS.find(([re]) => re.test(word))?.[1] : undefined;
}

function inferYear(
  month: number,
  day: number,
  weekday: number | undefined,
  now: Date,
  hint: string,
): number {
  let wd = weekday;
  if (wd === undefined && hint) {
    // « ce mardi 19 novembre » in the body names the weekday of a nearby day of that month.
    const re = new RegExp(
      `(${WEEKDAY_WORD})\\s+(\\d{1,2})\\s*(?:er)?\\s+(${MONTH_WORD})(?![\\p{L}])`,
      "giu",
    );
    for (const m of hint.matchAll(re)) {
      const w = weekdayOf(m[1]);
      const d = Number(m[2]);
      if (w !== undefined && monthOf(m[3] ?? "") === month && Math.abs(d - day) <= 7) {
        wd = (((w - (d - day)) % 7) + 7) % 7;
        break;
      }
    }
  }
  const thisYear = now.getUTCFullYear();
  for (let y = thisYear; y > thisYear - 12; y--) {
    const d = make(y, month, day);
    if (!d || d.getTime() > now.getTime() + 86_400_000) continue;
    if (wd === undefined || d.getUTCDay() === wd) return y;
  }
  return thisYear;
}

function make(year: number, month: number, day: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month, day, 12));
  return d.getUTCMonth() === month ? d : null;
}
