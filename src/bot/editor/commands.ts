import type { BroadcastReceipt, ConfirmationRequest, DeskOutcome } from "../../domain/broadcast.ts";
import { DeskError } from "../../domain/errors.ts";
import { dateFormat } from "../../lib/date-format.ts";
import { fold } from "../../lib/fold.ts";
import { parseWhen } from "../../lib/when.ts";
import { localParts } from "../../lib/zoned-time.ts";
import { maskPhone } from "../../log.ts";
import {
  confirmFacts as confirmFactsOf,
  type FactsFormat,
  receiptFacts as receiptFactsOf,
  shortDateTime,
  timeOrDate,
} from "../../messages/facts.ts";
import type { ConfirmFacts, ReceiptFacts, UsageExample } from "../../messages/i18n/catalogue.ts";
import { statsReceiptLines } from "../../messages/receipts.ts";
import { catalogue, deskErrorText, formatDay, formatDuration } from "../../messages/wording.ts";
import type { AuditOutcome } from "../../store/audit.ts";
import type { EditorCommandName } from "../command-names.ts";
import { Composer, type NextFunction } from "../composer.ts";
import type { BotContext } from "../context.ts";
import { previewViews } from "../reader/views.ts";

const AUDIT_ACTION: Record<EditorCommandName, string> = {
  preview: "preview",
  publish: "publish",
  alert: "alert",
  stats: "stats",
  pause: "pause",
  resume: "resume",
  articles: "articles",
  schedule: "schedule",
  cancel: "cancel",
  broadcasts: "broadcasts",
  ignore: "ignore",
  help: "help",
  tips: "tips",
  "answer-tip": "tip-answer",
  "close-tip": "tip-close",
};

function audit(
  ctx: BotContext,
  entry: {
    actor: string;
    action: string;
    target?: string | null;
    outcome: AuditOutcome;
    detail?: string | null;
  },
): void {
  ctx.deps.audit.record({ via: ctx.deps.via, ...entry }, ctx.now);
}

/** The editor's language, the newsroom's zone, now, and whether sending is paused. */
function factsFormat(ctx: BotContext): FactsFormat {
  return {
    lang: ctx.lang,
    timeZone: ctx.deps.config.timeZone,
    now: ctx.now,
    paused: ctx.deps.backend.isPaused(),
  };
}

/** A date as an editor reads it, in the newsroom's zone: "05/12/2026 18:00". */
export function editorDate(ctx: BotContext, date: Date): string {
  return shortDateTime({ lang: ctx.lang, timeZone: ctx.deps.config.timeZone }, date);
}

/** "18:00" today, else the short date and time. */
function editorTime(ctx: BotContext, date: Date): string {
  return timeOrDate(factsFormat(ctx), date);
}

/** A receipt's facts; on the phone the ETA also says when a warm-up ramp sends the rest. */
export function receiptFacts(ctx: BotContext, r: BroadcastReceipt): ReceiptFacts {
  const facts = receiptFactsOf(factsFormat(ctx), r);
  if (!ctx.deps.backend.isPaused() && r.warmUpDays) {
    facts.eta += ` — ${catalogue(ctx.lang).delivery.warmUpLater(r.warmUpDays)}`;
  }
  return facts;
}

/** What an editor is asked before an /alerte or an old article goes out. */
export function confirmFacts(ctx: BotContext, r: ConfirmationRequest): ConfirmFacts {
  return confirmFactsOf(factsFormat(ctx), r);
}

/** Examples valid now for a command's right form: a real article, a time to come. */
function usageExample(ctx: BotContext): UsageExample {
  const newest = ctx.deps.articles.latest({ now: ctx.now, limit: 1 })[0];
  const waiting = ctx.deps.backend
    .recent(20)
    .find((b) => b.state === "scheduled" || b.state === "running");
  return {
    id: newest?.id ?? 1,
    when: ctx.lang === "en" ? "tomorrow 18:00" : "demain 18h",
    broadcast: waiting?.broadcastId ?? null,
  };
}

/** The article id an editor typed, or null ("12", "#12"); `rest` is what follows it. */
function articleArgs(args: string): { id: number; rest: string } | null {
  const m = /^#?(\d{1,15})(?:\s+(.*))?$/s.exec(args.trim());
  const id = m?.[1] ? Number(m[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { id, rest: (m?.[2] ?? "").trim() };
}

const NOW_WORDS = new Set(["maintenant", "now", "tout de suite", "immediatement", "force"]);

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runEditorCommand(ctx: BotContext, editor: string): Promise<void> {
  const parsed = ctx.editorParse;
  if (parsed?.type !== "editor") return;
  const { name, args } = parsed;
  const action = AUDIT_ACTION[name];
  const t = ctx.t;
  const { articles, backend } = ctx.deps;
  const fail = (error: unknown, target: string | null) => {
    // A refusal (unknown article, draft, alert too long): the editor reads why, in their language.
    if (error instanceof DeskError) {
      const reason = deskErrorText(error, ctx.lang);
      audit(ctx, { actor: editor, action, target, outcome: "refused", detail: error.code });
      ctx.reply(reason);
      return;
    }
    const reason = errorMessage(error);
    audit(ctx, { actor: editor, action, target, outcome: "error", detail: reason });
    ctx.deps.log.warn({ err: error, action }, "commande éditeur en échec");
    ctx.reply(t.editorFailed(reason));
  };

  const usage = (command: string) => ctx.reply(t.editorUsage(command, usageExample(ctx)));
  const outcome = (result: DeskOutcome, done: (r: BroadcastReceipt) => string, target: string) => {
    if (result.kind === "confirm") {
      audit(ctx, { actor: editor, action, target, outcome: "ok", detail: "awaiting confirmation" });
      ctx.reply(t.confirmAsk(confirmFacts(ctx, result.request)));
      return;
    }
    const r = result.receipt;
    audit(ctx, {
      actor: editor,
      action,
      target,
      outcome: "ok",
      detail: `broadcast ${r.broadcastId}${r.startsAt ? ` scheduled ${r.startsAt.toISOString()}` : ""}, channel ${r.channel}, ${r.recipients} readers`,
    });
    ctx.reply(done(r));
  };

  switch (name) {
    case "help":
      ctx.reply(t.editorHelp);
      return;
    case "ignore": {
      const parsedArgs = articleArgs(args);
      if (parsedArgs?.rest !== "") {
        usage("ignorer");
        return;
      }
      const article = articles.get(parsedArgs.id);
      if (!article) {
        ctx.reply(t.editorArticleNotFound(String(parsedArgs.id)));
        return;
      }
      // Approval mode never announced it: ignoring it is recording the editor's choice (and
      // APPROVAL_TIMEOUT will not publish it).
      backend.ignore(article.id, editor);
      audit(ctx, { actor: editor, action, target: String(article.id), outcome: "ok" });
      ctx.reply(t.ignored(article.id, article.title));
      return;
    }
    case "preview":
    case "publish":
    case "schedule": {
      const command = name === "preview" ? "apercu" : name === "publish" ? "publier" : "programmer";
      const parsedArgs = articleArgs(args);
      const force = parsedArgs !== null && NOW_WORDS.has(fold(parsedArgs.rest));
      // "/publier 2 3" must not silently drop the 3: only "maintenant" may follow the id.
      const extraOk =
        name === "schedule"
          ? parsedArgs !== null && parsedArgs.rest !== ""
          : parsedArgs !== null && (parsedArgs.rest === "" || (name === "publish" && force));
      if (!parsedArgs || !extraOk) {
        usage(command);
        return;
      }
      const id = parsedArgs.id;
      const article = articles.get(id);
      if (!article) {
        audit(ctx, {
          actor: editor,
          action,
          target: String(id),
          outcome: "error",
          detail: "not found",
        });
        ctx.reply(t.editorArticleNotFound(String(id)));
        return;
      }
      if (name === "preview") {
        const views = previewViews(article, ctx.format);
        const state =
          article.status === "draft"
            ? "draft"
            : article.publishedAt.getTime() > ctx.now.getTime()
              ? "scheduled"
              : "published";
        const status = t.articleState[state];
        audit(ctx, { actor: editor, action, target: String(id), outcome: "ok" });
        ctx.reply(
          t.editorPreview(id, status, views.channel, views.alert, {
            kind: state,
            at: state === "scheduled" ? editorDate(ctx, article.publishedAt) : null,
          }),
        );
        return;
      }
      try {
        if (name === "schedule") {
          const tz = ctx.deps.config.timeZone;
          const at = parseWhen(parsedArgs.rest, ctx.now, tz);
          const example = usageExample(ctx).when;
          if (!at) throw new DeskError("WHEN_INVALID", { text: parsedArgs.rest, example });
          if (at.getTime() <= ctx.now.getTime()) {
            throw new DeskError("WHEN_PAST", { at: editorDate(ctx, at), example });
          }
          // The article's own rules still hold (unknown, draft, 48 h) before anything is stored.
          outcome(
            backend.requestSchedule(id, at, editor),
            (r) => t.published(id, article.title, receiptFacts(ctx, r)),
            String(id),
          );
          return;
        }
        const result = backend.requestPublish(id, editor, { force });
        outcome(result, (r) => t.published(id, article.title, receiptFacts(ctx, r)), String(id));
      } catch (error) {
        fail(error, String(id));
      }
      return;
    }
    case "alert": {
      const text = args.trim();
      if (!/[\p{L}\p{N}]/u.test(text)) {
        usage("alerte");
        return;
      }
      try {
        outcome(backend.requestAlert(text, editor), (r) => t.alerted(receiptFacts(ctx, r)), text);
      } catch (error) {
        fail(error, text);
      }
      return;
    }
    case "cancel": {
      const m = /^(?:n°|no|#)?\s*(\d{1,15})$/i.exec(args.trim());
      if (!m?.[1]) {
        usage("annuler");
        return;
      }
      try {
        const c = backend.cancel(Number(m[1]), editor);
        audit(ctx, {
          actor: editor,
          action,
          target: m[1],
          outcome: "ok",
          detail: `${c.cancelled} cancelled, ${c.alreadySent} already sent`,
        });
        ctx.reply(
          t.cancelled({
            id: c.broadcastId,
            label: c.label,
            cancelled: c.cancelled,
            alreadySent: c.alreadySent,
          }),
        );
      } catch (error) {
        fail(error, m[1]);
      }
      return;
    }
    case "broadcasts": {
      const list = backend.recent(10);
      audit(ctx, { actor: editor, action, outcome: "ok" });
      ctx.reply(
        list.length === 0
          ? t.broadcastsNone
          : t.broadcastsList(
              list.map((b) => ({
                id: b.broadcastId,
                when: editorTime(ctx, b.at),
                state: b.state,
                label: b.label,
                sent: b.sent,
                total: b.total,
                channel: b.channel,
              })),
            ),
      );
      return;
    }
    case "articles": {
      const words = args.trim() === "" ? [] : args.trim().split(/\s+/);
      const last = words.at(-1);
      let limit = 10;
      if (last !== undefined && /^\d+$/.test(last)) {
        limit = Number(last);
        words.pop();
        if (limit < 1 || limit > 20) {
          usage("articles");
          return;
        }
      }
      const rubric = words.length > 0 ? words.join(" ") : null;
      const list = articles.list({ limit, category: rubric ?? undefined });
      audit(ctx, { actor: editor, action, target: rubric, outcome: "ok" });
      if (list.length === 0) {
        ctx.reply(t.articlesNone(rubric));
        return;
      }
      const states = backend.articleStates(list.map((a) => a.id));
      const tz = ctx.deps.config.timeZone;
      const thisYear = localParts(ctx.now, tz).year;
      ctx.reply(
        t.articlesList(
          rubric,
          list.map((a) => ({
            id: a.id,
            date:
              localParts(a.publishedAt, tz).year === thisYear
                ? dateFormat(catalogue(ctx.lang).locale, {
                    day: "numeric",
                    month: "short",
                    hour: "2-digit",
                    minute: "2-digit",
                    timeZone: tz,
                  }).format(a.publishedAt)
                : formatDay(a.publishedAt, ctx.lang, tz),
            state:
              a.status === "draft"
                ? "draft"
                : (states.get(a.id) ??
                  (a.publishedAt.getTime() > ctx.now.getTime() ? "scheduled" : "published")),
            title: a.title.length > 70 ? `${a.title.slice(0, 69)}…` : a.title,
          })),
        ),
      );
      return;
    }
    case "stats": {
      try {
        const s = backend.stats();
        const counts = articles.counts(ctx.now);
        audit(ctx, { actor: editor, action, outcome: "ok" });
        ctx.reply(
          t.stats({
            paused: s.paused,
            transportUp: s.transportUp,
            today: s.today,
            running: s.running.map((b) => ({
              label: b.label,
              sent: b.sent,
              total: b.total,
              failed: b.failed,
              eta: formatDuration(b.etaMs, ctx.lang),
              channel: b.channel ?? "none",
            })),
            subscribers: s.subscribers,
            articles: counts,
            receipts: statsReceiptLines(s, ctx.lang),
          }),
        );
      } catch (error) {
        fail(error, null);
      }
      return;
    }
    case "pause":
    case "resume": {
      try {
        const wasPaused = backend.isPaused();
        if (name === "pause" && !wasPaused) backend.pause(editor);
        if (name === "resume" && wasPaused) backend.resume(editor);
        audit(ctx, {
          actor: editor,
          action,
          outcome: "ok",
          detail: wasPaused === (name === "pause") ? "no change" : null,
        });
        if (name === "pause") ctx.reply(wasPaused ? t.alreadyPaused : t.paused);
        else ctx.reply(wasPaused ? t.resumed : t.notPaused);
      } catch (error) {
        fail(error, null);
      }
      return;
    }
  }
}

/**
 * Editor commands, reached only when the sender is an editor. A `/word` that is no editor
 * command goes on to the reader commands ("/menu" still works).
 */
export function editorCommands(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx: BotContext, next: NextFunction) => {
    const parsed = ctx.editorParse;
    // Only a "/" message costs an identity check (an @lid may need the transport).
    if (!parsed) return next();
    const editor = await ctx.editor();
    if (!editor) return next();
    if (parsed.type === "editor-unknown") return next();
    if (parsed.type === "editor-suggest") {
      ctx.reply(ctx.t.editorSuggest(`/${parsed.alias}`));
      return;
    }
    ctx.deps.log.info({ action: parsed.name, editor: maskPhone(editor) }, "commande éditeur");
    await runEditorCommand(ctx, editor);
  });
  return composer;
}

/**
 * Someone who is not an editor typed an editor command: written to the audit (with a masked
 * id: a stranger's number is not kept), then answered like any unknown command.
 */
export function auditRefusals(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx: BotContext, next: NextFunction) => {
    const parsed = ctx.editorParse;
    if (parsed?.type === "editor" && parsed.name !== "help" && !(await ctx.editor())) {
      const sender = ctx.message.senderId;
      audit(ctx, {
        actor: maskPhone(sender),
        action: "refused",
        target: `/${parsed.word} ${parsed.args}`.trim().slice(0, 200),
        outcome: "refused",
        detail: sender.endsWith("@lid") ? "not an editor (linked id)" : "not an editor",
      });
      ctx.deps.log.warn({ senderId: sender, action: parsed.name }, "commande éditeur refusée");
    }
    return next();
  });
  return composer;
}
