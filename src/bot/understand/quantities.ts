import { fold } from "../../lib/fold.ts";

/** Number words readers write instead of digits (French and English), folded. */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  quinze: 15,
  vingt: 20,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
};

/** Ordinals ("le deuxième article"): a position, so a reading request. */
const ORDINALS: Readonly<Record<string, number>> = {
  premier: 1,
  premiere: 1,
  "1er": 1,
  "1ere": 1,
  deuxieme: 2,
  second: 2,
  seconde: 2,
  "2e": 2,
  "2eme": 2,
  troisieme: 3,
  "3e": 3,
  "3eme": 3,
  quatrieme: 4,
  "4e": 4,
  cinquieme: 5,
  "5e": 5,
  sixieme: 6,
  septieme: 7,
  huitieme: 8,
  neuvieme: 9,
  dixieme: 10,
  first: 1,
  third: 3,
  fourth: 4,
  fifth: 5,
};

/** The number a folded word stands for: digits (at most 4) or a number word; null otherwise. */
export function numberOf(key: string, words = true): number | null {
  if (/^\d{1,4}$/.test(key)) return Number(key);
  if (!words) return null;
  return NUMBER_WORDS[key] ?? null;
}

/** The position an ordinal names ("deuxieme" → 2), or null. */
export function ordinalOf(key: string): number | null {
  return ORDINALS[key] ?? null;
}

function hhmm(h: number, m: number): string | null {
  if (!(h >= 0 && h <= 23 && m >= 0 && m <= 59)) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/**
 * The time of day a message names, 24-hour "HH:MM": "18h30", "à 20 heures", "8pm",
 * "6:45am", "7h du mat", "8h le soir", "midi". Null when it names none.
 */
export function timeOf(input: string): string | null {
  const text = fold(input);
  if (/\bmidi\b|\bnoon\b/.test(text)) return "12:00";
  if (/\bminuit\b|\bmidnight\b/.test(text)) return "00:00";
  const m =
    /(?:^|[^\d])(\d{1,2})\s*(?:(h|heures?|:)\s*(\d{2})?|(?=\s*(?:am|pm|a\.m|p\.m)\b))\s*(am|pm|a\.m\.?|p\.m\.?)?/u.exec(
      text,
    );
  if (!m?.[1]) return null;
  if (!m[2] && !m[4]) return null;
  let h = Number(m[1]);
  const min = Number(m[3] ?? "0");
  const suffix = m[4] ?? "";
  const evening =
    /^p/.test(suffix) || /\b(soir|soiree|apres midi|aprem|evening|tonight)\b/.test(text);
  if (evening && h < 12) h += 12;
  if (/^a/.test(suffix) && h === 12) h = 0;
  return hhmm(h, min);
}
