import type { DeskError } from "../domain/errors.ts";
import { dateFormat } from "../lib/date-format.ts";
import type { Catalogue, Lang } from "./i18n/catalogue.ts";
import { en } from "./i18n/en.ts";
import { fr } from "./i18n/fr.ts";

export type { Lang } from "./i18n/catalogue.ts";

const CATALOGUES: Record<Lang, Catalogue> = { fr, en };

/** Every word of one language: replies, article templates, the operator's lines, errors. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** "~28 min", "~2 h 10", "moins d'une minute": an honest, rounded duration. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  if (minutes <= 1) return catalogue(lang).underAMinute;
  if (minutes < 60) return `~${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `~${h} h` : `~${h} h ${String(m).padStart(2, "0")}`;
}

/** A date as a reader reads it, in the newsroom's time zone: "2 avr. 2025", "1er déc. 2025". */
export function formatDay(date: Date, lang: Lang, timeZone: string): string {
  return dateFormat(catalogue(lang).locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone,
  })
    .formatToParts(date)
    .map((p) => (p.type === "day" && p.value === "1" && lang === "fr" ? "1er" : p.value))
    .join("");
}

/** A count as the language writes it: "1 250" in French, "1,250" in English. */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(catalogue(lang).locale);
}

/** A broadcast refusal (unknown article, draft, alert too long…) in the editor's language. */
export function deskErrorText(error: DeskError, lang: Lang): string {
  const render = catalogue(lang).errors[error.deskCode] as (params: typeof error.params) => string;
  return render(error.params);
}
