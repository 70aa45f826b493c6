import os from "node:os";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import type { BroadcastReceipt, CancelSummary, DeskOutcome } from "../../domain/broadcast.ts";
import { DeskError } from "../../domain/errors.ts";
import { parseWhen as parseEditorWhen } from "../../lib/when.ts";
import { atLocalTime, formatLocal, localDay, parseLocalDateTime } from "../../lib/zoned-time.ts";
import { confirmFacts } from "../../messages/facts.ts";
import { receiptText } from "../../messages/receipts.ts";
import { progressText, receiptLines, sendingStatsLines } from "../../messages/stats.ts";
import { catalogue, deskErrorText, formatCount } from "../../messages/wording.ts";
import type { App } from "../services.ts";
import { type CliContext, CliError } from "./context.ts";
import { broadcastJson, printJson } from "./json-output.ts";
import type { StatsSection } from "./stats.ts";

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
  const at = parseLocalDateTime(text, tz) ?? parseEditorWhen(text, app.clock.now(), tz);
  // The example is always to come: tomorrow at 18:00 in the newsroom's zone.
  const example = `${localDay(atLocalTime(app.clock.now(), "18:00", tz, 1), tz)} 18:00`;
  if (!at) {
    throw new CliError(
      `Date invalide : « ${text} ». Écrivez la date et l'heure de ${tz} ainsi : --schedule "${example}" (ou "demain 18h").`,
    );
  }
  if (at.getTime() < app.clock.now().getTime() - 60_000) {
    throw new CliError(
      `La date ${formatLocal(at, tz)} est passée. Choisissez une date à venir (ex. --schedule "${example}"), ou retirez --schedule pour envoyer maintenant.`,
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

/**
 * The publishing rules' question (an alert, an article older than 48 h), asked on the terminal
 * as on the phone; `--yes` answers it in scripts; without either nothing is sent.
 */
async function settle(
  ctx: CliContext,
  app: App,
  action: string,
  target: string,
  yes: boolean,
  run: () => DeskOutcome,
): Promise<BroadcastReceipt | null> {
  const desk = app.delivery.desk;
  const outcome = act(app, action, target, run);
  if (outcome.kind === "done") return outcome.receipt;
  const lang = app.config.language;
  const w = catalogue(lang).operator;
  const r = outcome.request;
  const tz = app.config.timeZone;
  const now = app.clock.now();
  // The phone's and the desk's question, worded by the same facts.
  const question = catalogue(lang).replies.confirmAsk(
    confirmFacts({ lang, timeZone: tz, now, paused: desk.isPaused() }, r),
  );
  let confirmed = yes;
  if (!confirmed) {
    if (!ctx.ask) {
      desk.decline(actor());
      audit(app, action, target, "error", "confirmation needed, no terminal");
      throw new CliError(`${question}\n${w.confirmWithYes}`);
    }
    ctx.out(question);
    confirmed = await ctx.ask(w.confirmPrompt);
  }
  if (!confirmed) {
    desk.decline(actor());
    audit(app, action, target, "ok", "declined");
    ctx.out(catalogue(lang).replies.declined);
    return null;
  }
  return now_(app, `${action}:confirmed`, target, () => desk.confirm(actor()));
}

/** `act` for an action that cannot ask (a schedule, a confirmation): its receipt. */
function now_(app: App, action: string, target: string, run: () => BroadcastReceipt) {
  const outcome = act(app, action, target, () => ({ kind: "done", receipt: run() }));
  if (outcome.kind !== "done") throw new Error(`${action} asked for a confirmation`);
  return outcome.receipt;
}

/** Runs a broadcast action, turning a desk refusal into the CLI's error and auditing both. */
function act(app: App, action: string, target: string, run: () => DeskOutcome): DeskOutcome {
  try {
    const outcome = run();
    audit(
      app,
      action,
      target,
      "ok",
      outcome.kind === "done"
        ? `broadcast ${outcome.receipt.broadcastId}, ${outcome.receipt.recipients} readers`
        : "awaiting confirmation",
    );
    return outcome;
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
      format: "Envoi {bar} {value}/{total} lecteurs | {detail}",
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
      // A cancel stops the bar where the sending stopped, saying so (not a full "terminé").
      const cancelled = (p.cancelled ?? 0) > 0;
      bar.update(p.sent + p.failed, {
        detail: cancelled
          ? progressText(p, {
              lang: app.config.language,
              timeZone: app.config.timeZone,
              now: app.clock.now(),
            }).replace(/^.*? — /, "")
          : detail,
      });
      if (cancelled || (p.sent + p.failed >= p.total && p.channel !== "waiting")) break;
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

/** The sending section of `stats` and `stats --json` (today's figures, scheduled broadcasts). */
export const deliveryStats: StatsSection = {
  key: "sending",
  lines: deliveryStatsSection,
  json: (ctx) => {
    const app = ctx.app();
    const b = app.delivery.desk;
    return {
      ...b.stats(),
      senderAlive: b.senderAlive(),
      scheduled: b.scheduled().map((s) => broadcastJson(s, b.progress(s.id))),
    };
  },
};

/** broadcast, alert, cancel, pause, resume, broadcasts. */
export function registerDeliveryCommands(program: Command, ctx: CliContext): void {
  program
    .command("broadcast <article-id>")
    .description(
      "publier un article : chaîne WhatsApp + alertes aux lecteurs de ses rubriques (à sa date si elle est à venir)",
    )
    .option(
      "--schedule <date>",
      'envoyer plus tard, heure locale : "demain 18h", "2025-04-02 18:00"',
    )
    .option("--now", "ne pas attendre la date de l'article (embargo levé)")
    .option(
      "-y, --yes",
      "répondre oui à la confirmation (article de plus de 48 h), pour les scripts",
    )
    .option("--no-wait", "ne pas afficher la progression")
    .action(
      async (
        idText: string,
        opts: { schedule?: string; now?: boolean; yes?: boolean; wait: boolean },
      ) => {
        const app = ctx.app();
        const id = parseId(idText, "Numéro d'article");
        const at = parseWhen(app, opts.schedule);
        const b = app.delivery.desk;
        const receipt = at
          ? await settle(ctx, app, "schedule", String(id), opts.yes === true, () =>
              b.requestSchedule(id, at, actor()),
            )
          : await settle(ctx, app, "publish", String(id), opts.yes === true, () =>
              b.requestPublish(id, actor(), { force: opts.now === true }),
            );
        if (receipt) await report(ctx, app, receipt, opts.wait);
      },
    );

  program
    .command("alert <text...>")
    .description(
      "alerte info (texte libre) à tous les lecteurs abonnés aux alertes, et sur la chaîne (avec confirmation)",
    )
    .option(
      "--schedule <date>",
      'envoyer plus tard, heure locale : "demain 18h", "2025-04-02 18:00"',
    )
    .option("-y, --yes", "répondre oui à la confirmation, pour les scripts")
    .option("--no-wait", "ne pas afficher la progression")
    .action(async (words: string[], opts: { schedule?: string; yes?: boolean; wait: boolean }) => {
      const app = ctx.app();
      const text = words.join(" ");
      const at = parseWhen(app, opts.schedule);
      const b = app.delivery.desk;
      // A scheduled alert is confirmed by the time typed; an alert now asks, as on the phone.
      const receipt = at
        ? now_(app, "alert", text, () => b.scheduleAlert(text, at, actor()))
        : await settle(ctx, app, "alert", text, opts.yes === true, () =>
            b.requestAlert(text, actor()),
          );
      if (receipt) await report(ctx, app, receipt, opts.wait);
    });

  program
    .command("cancel <broadcast-id>")
    .description("annuler une diffusion programmée ou en cours (ce qui est parti reste parti)")
    .action((idText: string) => {
      const app = ctx.app();
      const id = parseId(idText, "Numéro de diffusion");
      let result: CancelSummary;
      try {
        result = app.delivery.desk.cancel(id, actor());
      } catch (error) {
        if (error instanceof DeskError) {
          throw new CliError(
            `${deskErrorText(error, app.config.language)} (cli : npm run cli -- broadcasts)`,
          );
        }
        throw error;
      }
      audit(app, "cancel", String(id), "ok", `${result.cancelled} cancelled`);
      const n = (x: number) => formatCount(x, app.config.language);
      ctx.out(
        catalogue(app.config.language).operator.cancelled(
          id,
          n(result.cancelled),
          n(result.alreadySent),
        ),
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
    .option("--json", "une ligne JSON par diffusion (champs stables, voir README)")
    .action((opts: { limit: string; json?: boolean }) => {
      const app = ctx.app();
      const limit = Math.min(Math.max(Number.parseInt(opts.limit, 10) || 10, 1), 100);
      const list = app.broadcasts.recent(limit);
      if (opts.json) {
        for (const b of list)
          printJson(ctx.out, broadcastJson(b, app.delivery.desk.progress(b.id)));
        return;
      }
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
