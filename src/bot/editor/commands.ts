import type { BroadcastReceipt } from "../../domain/broadcast.ts";
import { DeskError } from "../../domain/errors.ts";
import { dateFormat } from "../../lib/date-format.ts";
import { maskPhone } from "../../log.ts";
import type { ReceiptFacts } from "../../messages/i18n/catalogue.ts";
import { statsReceiptLines } from "../../messages/receipts.ts";
import { catalogue, deskErrorText, formatDuration } from "../../messages/wording.ts";
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
  help: "help",
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

function receiptFacts(ctx: BotContext, r: BroadcastReceipt): ReceiptFacts {
  return {
    channel: r.channel,
    recipients: r.recipients,
    eta: formatDuration(r.etaMs, ctx.lang),
    startsAt: r.startsAt
      ? dateFormat(catalogue(ctx.lang).locale, {
          dateStyle: "short",
          timeStyle: "short",
          timeZone: ctx.deps.config.timeZone,
        }).format(r.startsAt)
      : null,
    paused: ctx.deps.backend.isPaused(),
  };
}

/** The article id an editor typed, or null ("12", "#12"). */
function articleId(args: string): number | null {
  const m = /^#?(\d{1,15})$/.exec(args.trim().split(/\s+/)[0] ?? "");
  const id = m?.[1] ? Number(m[1]) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

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

  switch (name) {
    case "help":
      ctx.reply(t.editorHelp);
      return;
    case "preview":
    case "publish": {
      const id = articleId(args);
      if (id === null) {
        ctx.reply(t.editorUsage(name === "preview" ? "apercu" : "publier"));
        return;
      }
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
        ctx.reply(t.editorPreview(id, status, views.channel, views.alert));
        return;
      }
      try {
        const receipt = backend.publish(id, editor);
        audit(ctx, {
          actor: editor,
          action,
          target: String(id),
          outcome: "ok",
          detail: `broadcast ${receipt.broadcastId}, channel ${receipt.channel}, ${receipt.recipients} readers`,
        });
        ctx.reply(t.published(id, article.title, receiptFacts(ctx, receipt)));
      } catch (error) {
        fail(error, String(id));
      }
      return;
    }
    case "alert": {
      const text = args.trim();
      if (!/[\p{L}\p{N}]/u.test(text)) {
        ctx.reply(t.editorUsage("alerte"));
        return;
      }
      try {
        const receipt = backend.alert(text, editor);
        audit(ctx, {
          actor: editor,
          action,
          target: text,
          outcome: "ok",
          detail: `broadcast ${receipt.broadcastId}, channel ${receipt.channel}, ${receipt.recipients} readers`,
        });
        ctx.reply(t.alerted(receiptFacts(ctx, receipt)));
      } catch (error) {
        fail(error, text);
      }
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
