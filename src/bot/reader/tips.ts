import { truncate } from "../../lib/truncate.ts";
import { catalogue } from "../../messages/wording.ts";
import { Composer, type NextFunction } from "../composer.ts";
import type { BotContext } from "../context.ts";
import type { Intent } from "../understand/intents.ts";

// A forwarded text is someone else's words: whatever command it may look like, it is a tip —
// except what a reader may forward on purpose to act (an opt-out, an erase, a setting).
const FORWARD_KEEPS: ReadonlySet<Intent> = new Set([
  "stop",
  "erase",
  "language",
  "mode",
  "subscribe",
  "follow",
  "unfollow",
  "my-data",
]);

/** Whether this message is a tip for the newsroom. */
export function isTipMessage(ctx: BotContext): boolean {
  if (ctx.editorParse) return false;
  const intent = ctx.reading.understood.intent;
  if (intent === "tip") return true;
  return ctx.message.forwarded === true && !FORWARD_KEEPS.has(intent) && ctx.text.length >= 10;
}

/** The start of the reader's own words, quoted in the answer they receive. */
export function quoteOf(text: string): string {
  return truncate(text.replace(/\s+/g, " ").trim(), 80, { hard: true });
}

/**
 * Readers' tips: a rumour, a question, a forwarded message is stored (near-identical ones
 * counted as one) and acknowledged honestly; an answer the newsroom wrote while the reader was
 * outside WhatsApp's 24-hour window goes with their next message.
 */
export function readerTips(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx: BotContext, next: NextFunction) => {
    const { tips, log } = ctx.deps;
    const intent = ctx.reading.understood.intent;
    // Their message opens the window again: what waited for it goes now (never after a stop).
    if (!ctx.editorParse && intent !== "stop" && intent !== "erase" && !ctx.subscriber.stoppedAt) {
      for (const { tip, sender } of tips.pendingAnswers(ctx.chatId)) {
        if (tip.answer === null) continue;
        ctx.reply(catalogue(ctx.lang).tips.answerToReader(quoteOf(sender.text), tip.answer));
        tips.markSenderAnswered(tip.id, ctx.chatId, ctx.now);
        log.info({ tip: tip.id }, "réponse de la rédaction envoyée au prochain message du lecteur");
      }
    }
    if (!isTipMessage(ctx)) return next();
    // A newcomer writing English is answered in English, as the welcome does.
    if (ctx.isNew && ctx.reading.english && ctx.lang !== "en") {
      ctx.subscriber = ctx.deps.subscribers.setLanguage(ctx.chatId, "en");
    }
    const recorded = tips.record({
      chatId: ctx.chatId,
      text: ctx.text,
      language: ctx.lang,
      forwarded: ctx.message.forwarded === true,
      at: ctx.now,
    });
    const t = ctx.t;
    const words = catalogue(ctx.lang).tips;
    log.info(
      { tip: recorded.tip.id, count: recorded.tip.count, isNew: recorded.isNew },
      "signalement d'un lecteur",
    );
    if (recorded.tip.status === "answered" && recorded.tip.answer !== null) {
      ctx.reply(words.alreadyAnswered(recorded.tip.answer));
      tips.markSenderAnswered(recorded.tip.id, ctx.chatId, ctx.now);
      return;
    }
    ctx.reply(recorded.newSender ? words.thanks : words.thanksAgain);
    // A newcomer also learns what the bot does (never a subscription).
    if (ctx.isNew) {
      const { newsroomName } = ctx.deps.config;
      ctx.reply(`${t.welcome(newsroomName)}\n\n${t.menu(newsroomName)}`);
      ctx.remember({ kind: "menu" });
    }
  });
  return composer;
}
