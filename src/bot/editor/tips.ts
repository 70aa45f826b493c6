import { phoneOfChatId } from "../../domain/chat-id.ts";
import { TIP_ANSWER_MAX, type Tip, type TipStatus } from "../../domain/tip.ts";
import { fold } from "../../lib/fold.ts";
import { truncate } from "../../lib/truncate.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { maskPhone } from "../../log.ts";
import type { TipLine } from "../../messages/i18n/catalogue.ts";
import { catalogue } from "../../messages/wording.ts";
import type { AuditOutcome } from "../../store/audit.ts";
import type { TipQuery } from "../../store/tips.ts";
import { Composer, type NextFunction } from "../composer.ts";
import type { BotContext } from "../context.ts";
import { answerTip } from "./answer-tip.ts";

/** A reader's chat id as an editor may see it: « +223•••••12 ». */
export function maskedReader(chatId: string): string {
  return maskPhone(phoneOfChatId(chatId) ?? chatId);
}

const FILTERS: Record<string, Pick<TipQuery, "status" | "order">> = {
  "": { status: "open", order: "recent" },
  frequents: { status: "open", order: "count" },
  frequent: { status: "open", order: "count" },
  top: { status: "open", order: "count" },
  tous: { status: "all", order: "recent" },
  all: { status: "all", order: "recent" },
  repondus: { status: "answered", order: "recent" },
  answered: { status: "answered", order: "recent" },
  classes: { status: "closed", order: "recent" },
  closed: { status: "closed", order: "recent" },
};

function tipLine(ctx: BotContext, tip: Tip): TipLine {
  const first = ctx.deps.tips.senders(tip.id)[0];
  return {
    id: tip.id,
    count: tip.count,
    readers: tip.readers,
    when: formatLocal(tip.lastAt, ctx.deps.config.timeZone, ctx.now),
    status: tip.status,
    text: truncate(tip.text.replace(/\s+/g, " "), 160, { hard: true }),
    from: first ? maskedReader(first.chatId) : "",
    forwarded: tip.forwarded,
  };
}

/**
 * The editors' tips inbox on the phone: /signalements (newest or most frequent first, numbers
 * masked), /repondre N texte (the answer goes to every reader of the tip, in their language,
 * through the outbox, inside WhatsApp's 24-hour window or with their next message), /classer N.
 * Every action is audited.
 */
export function editorTips(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx: BotContext, next: NextFunction) => {
    const parsed = ctx.editorParse;
    if (parsed?.type !== "editor") return next();
    const { name } = parsed;
    if (name !== "tips" && name !== "answer-tip" && name !== "close-tip") return next();
    const editor = await ctx.editor();
    if (!editor) return next();
    const words = catalogue(ctx.lang).tips;
    const { tips, audit, via } = ctx.deps;
    const record = (
      action: string,
      outcome: AuditOutcome,
      target: string | null,
      detail?: string,
    ) =>
      audit.record(
        { actor: editor, via, action, target, outcome, detail: detail ?? null },
        ctx.now,
      );
    const newest = () =>
      tips.list({ limit: 1 })[0]?.id ?? tips.list({ status: "all", limit: 1 })[0]?.id ?? null;
    const args = parsed.args.trim();

    if (name === "tips" && /^(?:n°|no|#)?\s*\d{1,15}$/iu.test(args)) {
      const id = Number(/\d+/.exec(args)?.[0]);
      const tip = tips.get(id);
      if (!tip) {
        record("tips", "refused", String(id), "not found");
        ctx.reply(words.notFound(id));
        return;
      }
      record("tips", "ok", String(id), "detail");
      const when = (d: Date) => formatLocal(d, ctx.deps.config.timeZone, ctx.now);
      ctx.reply(
        words.detail(
          tipLine(ctx, tip),
          truncate(tip.text, 600, { hard: true }),
          tips
            .senders(id)
            .slice(0, 10)
            .map((s) => ({
              from: maskedReader(s.chatId),
              when: when(s.lastAt),
              text: truncate(s.text.replace(/\s+/g, " "), 120, { hard: true }),
              count: s.count,
              answered: s.answeredAt !== null,
            })),
          tip.answer,
        ),
      );
      return;
    }

    if (name === "tips") {
      const filter = FILTERS[fold(args)];
      if (!filter) {
        record("tips", "refused", args, "unknown filter");
        ctx.reply(words.usage("signalements", newest()));
        return;
      }
      const list = tips.list({ ...filter, limit: 10 });
      record("tips", "ok", args || null, `${list.length} shown`);
      ctx.reply(
        list.length === 0
          ? words.none((filter.status ?? "open") as TipStatus | "all")
          : words.list(
              list.map((t) => tipLine(ctx, t)),
              tips.countByStatus(),
            ),
      );
      return;
    }

    const m = /^(?:n°|no|#)?\s*(\d{1,15})(?:\s+([\s\S]*))?$/iu.exec(args);
    const id = m?.[1] ? Number(m[1]) : Number.NaN;
    const rest = (m?.[2] ?? "").trim();
    const command = name === "answer-tip" ? "repondre" : "classer";
    const action = name === "answer-tip" ? "tip-answer" : "tip-close";
    if (!Number.isSafeInteger(id) || (name === "answer-tip" ? rest === "" : rest !== "")) {
      record(action, "refused", args.slice(0, 200) || null, "usage");
      ctx.reply(words.usage(command, newest()));
      return;
    }
    const tip = tips.get(id);
    if (!tip) {
      record(action, "refused", String(id), "not found");
      ctx.reply(words.notFound(id));
      return;
    }

    if (name === "close-tip") {
      tips.close(id, editor, ctx.now);
      record(action, "ok", String(id), `${tip.count} messages, ${tip.readers} readers`);
      ctx.reply(words.closed(id, tip.count));
      return;
    }

    if (rest.length > TIP_ANSWER_MAX) {
      record(action, "refused", String(id), `answer of ${rest.length} characters`);
      ctx.reply(words.answerTooLong(TIP_ANSWER_MAX));
      return;
    }
    const facts = answerTip(ctx.deps, id, rest, editor, ctx.now) ?? {
      id,
      now: 0,
      later: 0,
      stopped: 0,
      replaced: false,
    };
    const { now, later, stopped } = facts;
    record(
      action,
      "ok",
      String(id),
      `${now} sent now, ${later} at their next message, ${stopped} stopped: ${rest}`,
    );
    ctx.reply(words.answered(facts));
  });
  return composer;
}
