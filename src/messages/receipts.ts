import type { ReceiptFigures, SendingStats } from "../domain/broadcast.ts";

/** 1250 → "1 250" (a plain space every phone font has) or "1,250". */
function count(n: number, lang: "fr" | "en"): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "fr" ? " " : ",");
}

/**
 * « 1 250 envoyés · 1 190 reçus · 640 lus »: how many messages went out, reached a phone and
 * were opened. Read counts only readers who left read receipts on. (Wording to fold into the
 * i18n catalogue.)
 */
export function receiptText(r: ReceiptFigures, lang: "fr" | "en" = "fr"): string {
  if (lang === "en") {
    return `${count(r.sent, lang)} sent · ${count(r.delivered, lang)} delivered · ${count(r.read, lang)} read`;
  }
  const s = (n: number) => (n > 1 ? "s" : "");
  return `${count(r.sent, lang)} envoyé${s(r.sent)} · ${count(r.delivered, lang)} reçu${s(r.delivered)} · ${count(r.read, lang)} lu${s(r.read)}`;
}

/** The receipt lines of stats: today's total, then each rubric (folded key). */
export function todayReceiptLines(
  receipts: { today: ReceiptFigures; byRubric: (ReceiptFigures & { rubric: string })[] },
  lang: "fr" | "en" = "fr",
): string[] {
  if (receipts.today.sent === 0) return [];
  const colon = lang === "fr" ? " :" : ":";
  const head = lang === "fr" ? "Diffusions du jour" : "Today's broadcasts";
  return [
    `${head}${colon} ${receiptText(receipts.today, lang)}`,
    ...receipts.byRubric.map((r) => `- ${r.rubric}${colon} ${receiptText(r, lang)}`),
  ];
}

/** The receipt lines of the editors' /stats: each running broadcast, then today's. */
export function statsReceiptLines(stats: SendingStats, lang: "fr" | "en"): string[] {
  const colon = lang === "fr" ? " :" : ":";
  const running = stats.running.flatMap((b) =>
    b.receipts && b.receipts.sent > 0
      ? [`« ${b.label} »${colon} ${receiptText(b.receipts, lang)}`]
      : [],
  );
  return [...running, ...(stats.receipts ? todayReceiptLines(stats.receipts, lang) : [])];
}
