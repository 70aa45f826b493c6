import type { FactsFormat } from "../../messages/facts.ts";
import type { DeskDeps } from "./deps.ts";
import type { DeskContext } from "./env.ts";

/**
 * Dates, receipts and questions as the desk words them: the same facts, by the same code, as
 * the phone's editor commands (src/messages/facts.ts), from the same Desk answers.
 */
export type DeskFormat = FactsFormat;

export {
  confirmFacts as deskConfirmFacts,
  etaText as deskEta,
  receiptFacts as deskReceiptFacts,
  shortDateTime as deskDate,
} from "../../messages/facts.ts";

/** The request's language, the newsroom's zone, now, and whether sending is paused. */
export function deskFormatOf(c: DeskContext, deps: DeskDeps): DeskFormat {
  return {
    lang: c.get("lang"),
    timeZone: deps.config.timeZone,
    now: deps.clock.now(),
    paused: deps.desk.isPaused(),
  };
}
