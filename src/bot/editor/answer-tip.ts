import { ANSWER_WINDOW_MS } from "../../domain/tip.ts";
import type { TipAnswerFacts } from "../../messages/i18n/catalogue.ts";
import { catalogue } from "../../messages/wording.ts";
import type { OutboxRepo } from "../../store/outbox.ts";
import type { SubscribersRepo } from "../../store/subscribers.ts";
import type { TipsRepo } from "../../store/tips.ts";
import { quoteOf } from "../reader/tips.ts";

/** What answering a tip needs: the tips, the readers (language, stop, last message), the outbox. */
export interface AnswerTipDeps {
  tips: Pick<TipsRepo, "get" | "answer" | "markSenderAnswered">;
  subscribers: Pick<SubscribersRepo, "get">;
  outbox: Pick<OutboxRepo, "enqueue">;
}

/**
 * Answers tip `id` with `text` for every reader who sent it, in their own language, through
 * the outbox: at once for those who wrote within WhatsApp's 24-hour window, with their next
 * message for the others (TipsRepo.pendingAnswers), nothing for those who said stop. The
 * phone's /repondre and the desk's Signalements page both answer through it. Null: no such tip.
 * The caller checks the text (not empty, at most TIP_ANSWER_MAX) and audits.
 */
export function answerTip(
  deps: AnswerTipDeps,
  id: number,
  text: string,
  editor: string,
  now: Date,
): TipAnswerFacts | null {
  const tip = deps.tips.get(id);
  if (!tip) return null;
  const senders = deps.tips.answer(id, text, editor, now) ?? [];
  const facts: TipAnswerFacts = {
    id,
    now: 0,
    later: 0,
    stopped: 0,
    replaced: tip.status === "answered",
  };
  for (const s of senders) {
    const reader = deps.subscribers.get(s.chatId);
    if (reader?.stoppedAt) {
      facts.stopped += 1;
      continue;
    }
    const lastSeen = Math.max(s.lastAt.getTime(), reader?.lastSeenAt.getTime() ?? 0);
    if (now.getTime() - lastSeen > ANSWER_WINDOW_MS) {
      facts.later += 1;
      continue;
    }
    const lang = reader?.language ?? s.language;
    deps.outbox.enqueue(
      {
        kind: "reply",
        recipient: s.chatId,
        body: catalogue(lang).tips.answerToReader(quoteOf(s.text), text),
      },
      now,
    );
    deps.tips.markSenderAnswered(id, s.chatId, now);
    facts.now += 1;
  }
  return facts;
}
