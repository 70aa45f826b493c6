import type { ReceiptFigures, SendingStats } from "../domain/broadcast.ts";
import { formatThousands } from "../lib/numbers.ts";
import { budgetLines } from "./budget.ts";
import { catalogue, type Lang } from "./wording.ts";

/**
 * « 1 250 envoyés · 1 190 reçus · 640 lus »: how many messages went out, reached a phone and
 * were opened. Read counts only readers who left read receipts on.
 */
export function receiptText(r: ReceiptFigures, lang: Lang = "fr"): string {
  const c = catalogue(lang);
  return c.delivery.receipts(r.sent, r.delivered, r.read, (n) => formatThousands(n, c.thousands));
}

/** The receipt lines of stats: today's total, then each rubric (folded key). */
export function todayReceiptLines(
  receipts: { today: ReceiptFigures; byRubric: (ReceiptFigures & { rubric: string })[] },
  lang: Lang = "fr",
): string[] {
  if (receipts.today.sent === 0) return [];
  const w = catalogue(lang).delivery;
  return [
    w.labelled(w.todayHead, receiptText(receipts.today, lang)),
    ...receipts.byRubric.map((r) => `- ${w.labelled(r.rubric, receiptText(r, lang))}`),
  ];
}

/** The receipt lines of the editors' /stats: each running broadcast, then today's. */
export function statsReceiptLines(stats: SendingStats, lang: Lang): string[] {
  const w = catalogue(lang).delivery;
  const running = stats.running.flatMap((b) =>
    b.receipts && b.receipts.sent > 0
      ? [w.labelled(`« ${b.label} »`, receiptText(b.receipts, lang))]
      : [],
  );
  return [
    ...running,
    ...(stats.receipts ? todayReceiptLines(stats.receipts, lang) : []),
    ...budgetLines(stats.budget, lang),
  ];
}
