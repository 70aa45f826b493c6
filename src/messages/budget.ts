import type { BudgetFigures } from "../domain/send-budget.ts";
import { catalogue, formatCount, type Lang } from "./wording.ts";

/** The /stats and `cli stats` lines of the ban guard's daily limits (none when none is set). */
export function budgetLines(figures: BudgetFigures | undefined, lang: Lang): string[] {
  if (!figures) return [];
  const w = catalogue(lang).delivery;
  const n = (x: number) => formatCount(x, lang);
  const lines: string[] = [];
  if (figures.ceiling !== null) lines.push(w.budgetWarmUp(n(figures.sent), n(figures.ceiling)));
  if (figures.coldCap !== null || figures.postponed > 0) {
    const cap = figures.coldCap === null ? "∞" : n(figures.coldCap);
    lines.push(w.budgetCold(n(figures.cold), cap, n(figures.postponed)));
  }
  return lines;
}
