import { DeskError } from "../../domain/errors.ts";
import { fold } from "../../lib/fold.ts";
import { deskErrorText } from "../../messages/wording.ts";
import { Composer, type NextFunction } from "../composer.ts";
import type { BotContext } from "../context.ts";
import { receiptFacts } from "./commands.ts";

const YES = new Set(["oui", "yes", "/oui", "/yes", "o", "y", "ok oui", "oui !", "oui."]);
const NO = new Set(["non", "no", "/non", "/no", "n"]);

/**
 * An editor's « OUI » (or « NON ») to the question an /alerte or an old article asked. Only a
 * bare yes or no from an editor with a request pending: a reader's « oui » and an editor's
 * « oui » with nothing pending go on to the reader commands as before.
 */
export function editorConfirmations(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx: BotContext, next: NextFunction) => {
    const word = fold(ctx.text).replace(/[\s.!]+$/, "");
    const yes = YES.has(word);
    if (!yes && !NO.has(word)) return next();
    const editor = await ctx.editor();
    if (!editor) return next();
    const { backend } = ctx.deps;
    if (!backend.hasPending(editor)) {
      // « OUI » from an editor means a confirmation: say there is none rather than "thanks".
      if (yes) ctx.reply(deskErrorText(new DeskError("CONFIRMATION_NONE", {}), ctx.lang));
      else return next();
      return;
    }
    const record = (outcome: "ok" | "refused", detail: string) =>
      ctx.deps.audit.record(
        { actor: editor, via: ctx.deps.via, action: yes ? "confirm" : "decline", outcome, detail },
        ctx.now,
      );
    if (!yes) {
      backend.decline(editor);
      record("ok", "nothing sent");
      ctx.reply(ctx.t.declined);
      return;
    }
    try {
      const receipt = backend.confirm(editor);
      record(
        "ok",
        `broadcast ${receipt.broadcastId}, channel ${receipt.channel}, ${receipt.recipients} readers`,
      );
      const facts = receiptFacts(ctx, receipt);
      const broadcast = receipt.articleId ?? null;
      ctx.reply(
        broadcast === null
          ? ctx.t.alerted(facts)
          : ctx.t.published(broadcast, ctx.deps.articles.get(broadcast)?.title ?? "", facts),
      );
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      record("refused", error.code);
      ctx.reply(deskErrorText(error, ctx.lang));
    }
  });
  return composer;
}
