import { Composer } from "./composer.ts";
import type { BotContext } from "./context.ts";
import { auditRefusals, editorCommands } from "./editor/commands.ts";
import { editorConfirmations } from "./editor/confirm.ts";
import { editorTips } from "./editor/tips.ts";
import { readerCommands } from "./reader/commands.ts";
import { readerTips } from "./reader/tips.ts";

/**
 * The conversation as one middleware tree: editor commands (for editors only), the audit of
 * refused ones, then the reader commands — all inside an error boundary that answers
 * "désolé…" and logs, so one failing command never takes the bot down.
 */
export function createRouter(): Composer<BotContext> {
  const root = new Composer<BotContext>();
  root.errorBoundary(
    (error) => {
      const ctx = error.ctx;
      ctx.deps.log.error(
        { err: error.error, chatId: ctx.chatId, command: commandName(ctx) },
        "une commande a échoué",
      );
      try {
        ctx.reply(ctx.t.sorry);
      } catch (replyError) {
        ctx.deps.log.error({ err: replyError }, "impossible de mettre la réponse d'excuse en file");
      }
    },
    editorConfirmations(),
    editorTips(),
    editorCommands(),
    auditRefusals(),
    readerTips(),
    readerCommands(),
  );
  return root;
}

/** The command a context was about, for logs (never the reader's text). */
export function commandName(ctx: BotContext): string {
  if (ctx.editorParse?.type === "editor") return `/${ctx.editorParse.name}`;
  return ctx.parsed.type === "command" ? ctx.parsed.name : ctx.parsed.type;
}
