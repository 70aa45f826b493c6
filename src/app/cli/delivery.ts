import os from "node:os";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import type { BroadcastReceipt } from "../../domain/broadcast.ts";
import { DeskError } from "../../domain/errors.ts";
import { formatLocal, parseLocalDateTime } from "../../lib/zoned-time.ts";
import { receiptText } from "../../messages/receipts.ts";
import { progressText, receiptLines, sendingStatsLines } from "../../messages/stats.ts";
import { deskErrorText } from "../../messages/wording.ts";
import type { App } from "../services.ts";
import { type CliContext, CliError } from "./context.ts";

/** Who acted, for the audit and the broadcasts table: the operator's login on this machine. */
function actor(): string {
  let user = process.env.USER ?? "";
  try {
    user ||= os.userInfo().username;
  } catch {
    // No user database (some containers): "cli" alone is still an honest actor.
  }
  return user ? `cli:${user}` : "cli";
}

function view(app: App) {
  const b = app.delivery.desk;
  return {
    lang: app.config.language,
    timeZone: app.config.timeZone,
    now: app.clock.now(),
    senderAlive: b.senderAlive(),
    paused: b.isPaused(),
  };
}

function parseId(text: string, what: string): number {
  const id = /^#?\d{1,15}$/.test(text.trim()) ? Number(text.trim().replace("#", "")) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new CliError(`${what} invalide : « ${text} ». Donnez un numéro, ex. 12.`);
  }
  return id;
}

function parseWhen(app: App, text: string | undefined): Date | null {
  if (text === undefined) return null;
  const tz = app.config.timeZone;
  const at = parseLocalDateTime(text, tz);
  if (!at) {
    throw new CliError(
      `Date invalide : « ${text} ». Écrivez la date et l'heure de ${tz} ainsi : --schedule "2025-04-02 18:00".`,
    );
  }
  if (at.getTime() < app.clock.now().getTime() - 60_000) {
    throw new CliError(
      `La date ${formatLocal(at, tz)} est passée. Choisissez une date à venir, ou retirez --schedule pour envoyer maintenant.`,
    );
  }
  return at;
}

function audit(
  app: App,
  action: string,
  target: string,
  outcome: "ok" | "error",
  detail: string | null,
) {
  app.audit.record(
    { actor: actor(), via: "cli", action, target, outcome, detail },
    app.clock.now(),
  );
}

/** Runs a broadcast action, turning a desk refusal into the CLI's error and auditing both. */
function act(
  app: App,
  action: string,
  target: string,
  run: () => BroadcastReceipt,
): BroadcastReceipt {
  try {
    const receipt = run();
    audit(
      app,
      action,
      target,
      "ok",
      `broadcast ${receipt.broadcastId}, ${receipt.recipients} readers`,
    );
    return receipt;
  } catch (error) {
    if (error instanceof DeskError) {
      const text = deskErrorText(error, app.config.language);
      audit(app, action, target, "error", text);
      throw new CliError(text);
    }
    throw error;
  }
}

/** Shows a progress bar until the broadcast is sent, or Ctrl-C (the broadcast goes on). */
async function follow(app: App, broadcastId: number): Promise<void> {
  const b = app.delivery.desk;
  const first = b.progress(broadcastId);
  if (!first || first.total === 0) return;
  const bar = new cliProgress.SingleBar(
    {
      format: "Envoi {bar} {value}/{total} | {detail}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let interrupted = false;
  const onInt = () => {
    interrupted = true;
  };
  process.once("SIGINT", onInt);
  bar.start(first.total, first.sent + first.failed, { detail: "" });
  try {
    while (!interrupted) {
      const p = b.progress(broadcastId);
      if (!p) break;
      const detail = b.isPaused()
        ? "EN PAUSE"
        : progressText(p, {
            lang: app.config.language,
            timeZone: app.config.timeZone,
            now: app.clock.now(),
          }).replace(/^.*? — /, "");
      bar.update(p.sent + p.failed, { detail });
      if (p.sent + p.failed >= p.total) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    bar.stop();
    process.removeListener("SIGINT", onInt);
  }
  if (interrupted) {
    process.stderr.write(
      `La diffusion n° ${broadcastId} continue dans le bot. Suivi : npm run cli -- stats ; arrêt : npm run cli -- cancel ${broadcastId}\n`,
    );
  }
}

async function report(ctx: CliContext, app: App, receipt: BroadcastReceipt, wait: boolean) {
  const v = view(app);
  for (const line of receiptLines(receipt, v)) ctx.out(line);
  if (wait && ctx.interactive && !receipt.startsAt && v.senderAlive && !v.paused) {
    await follow(app, receipt.broadcastId);
  }
}

/** `stats` lines for sending: pass to registerStatsCommand. */
export function deliveryStatsSection(ctx: CliContext): string[] {
  const app = ctx.app();
  const b = app.delivery.desk;
  return sendingStatsLines(b.stats(), b.scheduled(), view(app));
}

/** broadcast, alert, cancel, pause, resume, broadcasts. */
export function registerDeliveryCommands(program: Command, ctx: CliContext): void {
  program
    .command("broadcast <article-id>")
    .description("publier un article : chaîne WhatsApp + alertes aux lecteurs de ses rubriques")
    .option("--schedule <date>", 'envoyer plus tard, heure locale : "2025-04-02 18:00"')
    .option("--no-wait", "ne pas afficher la progression")
    .action(async (idText: string, opts: { schedule?: string; wait: boolean }) => {
      const app = ctx.app();
      const id = parseId(idText, "Numéro d'article");
      const at = parseWhen(app, opts.schedule);
      const b = app.delivery.desk;
      const receipt = act(app, at ? "schedule" : "publish", String(id), () =>
        at ? b.schedule(id, at, actor()) : b.publish(id, actor()),
      );
      await report(ctx, app, receipt, opts.wait);
    });

  program
    .command("alert <text...>")
    .description(
      "alerte info (texte libre) à tous les lecteurs abonnés aux alertes, et sur la chaîne",
    )
    .option("--schedule <date>", 'envoyer plus tard, heure locale : "2025-04-02 18:00"')
    .option("--no-wait", "ne pas afficher la progression")
    .action(async (words: string[], opts: { schedule?: string; wait: boolean }) => {
      const app = ctx.app();
      const text = words.join(" ");
      const at = parseWhen(app, opts.schedule);
      const b = app.delivery.desk;
      const receipt = act(app, "alert", text, () =>
        at ? b.scheduleAlert(text, at, actor()) : b.alert(text, actor()),
      );
      await report(ctx, app, receipt, opts.wait);
    });

  program
    .command("cancel <broadcast-id>")
    .description("annuler une diffusion programmée ou en cours (ce qui est parti reste parti)")
    .action((idText: string) => {
      const app = ctx.app();
      const id = parseId(idText, "Numéro de diffusion");
      const result = app.delivery.desk.cancel(id, actor());
      if (!result) {
        throw new CliError(
          `Diffusion n° ${id} introuvable. Les numéros sont dans : npm run cli -- broadcasts`,
        );
      }
      audit(app, "cancel", String(id), "ok", `${result.cancelled} cancelled`);
      ctx.out(
        `Diffusion n° ${id} annulée : ${result.cancelled} message(s) ne partiront pas, ${result.alreadySent} déjà envoyé(s).`,
      );
    });

  program
    .command("pause")
    .description(
      "suspendre à l'instant toutes les diffusions (chaîne, alertes, résumés) jusqu'à resume ; les réponses aux lecteurs continuent",
    )
    .action(() => {
      const app = ctx.app();
      const b = app.delivery.desk;
      if (b.isPaused())
        return ctx.out("Les diffusions sont déjà en pause. Reprendre : npm run cli -- resume");
      b.pause(actor());
      audit(app, "pause", "", "ok", null);
      ctx.out(
        "Diffusions en pause : chaîne, alertes et résumés attendent (le message en cours d'envoi finit) ; les réponses aux lecteurs continuent. Reprendre : npm run cli -- resume",
      );
    });

  program
    .command("resume")
    .description("reprendre les envois après une pause")
    .action(() => {
      const app = ctx.app();
      const b = app.delivery.desk;
      if (!b.isPaused()) return ctx.out("Les diffusions ne sont pas en pause.");
      b.resume(actor());
      audit(app, "resume", "", "ok", null);
      const waiting = b.stats().today.queued;
      ctx.out(`Envois repris : ${waiting} message(s) en file partent au rythme habituel.`);
    });

  program
    .command("broadcasts")
    .description("les dernières diffusions, avec leur état")
    .option("-n, --limit <n>", "combien", "10")
    .action((opts: { limit: string }) => {
      const app = ctx.app();
      const limit = Math.min(Math.max(Number.parseInt(opts.limit, 10) || 10, 1), 100);
      const list = app.broadcasts.recent(limit);
      if (list.length === 0)
        return ctx.out("Aucune diffusion pour l'instant. Publier : npm run cli -- broadcast <id>");
      const tz = app.config.timeZone;
      const now = app.clock.now();
      const states = {
        scheduled: "programmée",
        running: "en cours",
        done: "terminée",
        cancelled: "annulée",
      };
      for (const b of list) {
        const p = app.delivery.desk.progress(b.id);
        const when = formatLocal(b.scheduledFor ?? b.startedAt ?? b.createdAt, tz, now);
        const receipts =
          p?.receipts && p.receipts.sent > 0
            ? ` — ${receiptText(p.receipts, app.config.language)}`
            : "";
        const figures =
          p && p.total > 0
            ? ` — ${progressText(p, { lang: app.config.language, timeZone: tz, now })}${receipts}`
            : "";
        ctx.out(
          `n° ${b.id} ${when} ${states[b.state]} « ${b.label} » par ${b.createdBy}${figures}`,
        );
      }
    });
}
