import { type Command, InvalidArgumentError } from "commander";
import { redactText, redactUrl } from "../../sources/feeds/credentials.ts";
import {
  DEFAULT_INTERVAL_MS,
  FeedSourceError,
  formatInterval,
  normalizeFeedUrl,
  parseInterval,
} from "../../sources/feeds/feed-sources.ts";
import { FETCH_DEFAULTS } from "../../sources/feeds/fetch.ts";
import { FeedPoller, type PollReport } from "../../sources/feeds/poller.ts";
import { type Feed, FeedExistsError } from "../../store/feeds.ts";
import { positiveInt } from "./articles.ts";
import { type CliContext, CliError } from "./context.ts";
import { feedJson, printJson } from "./json-output.ts";
import type { StatsSection } from "./stats.ts";

// Enough to see what went wrong without flooding the terminal on a 10,000-item feed.
const MAX_PROBLEMS_SHOWN = 10;

function interval(value: string): number {
  try {
    return parseInterval(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The poller as the CLI runs it: the same rules as the bot's, run once, now. */
function pollerOf(ctx: CliContext): FeedPoller {
  const app = ctx.app();
  const site = app.config.siteUrl;
  return new FeedPoller({
    feeds: app.feeds,
    importer: ctx.ingest(),
    clock: app.clock,
    log: app.log,
    options: {
      destinations: app.config.feedDestinations,
      userAgent: site ? `${FETCH_DEFAULTS.userAgent} +${site}` : FETCH_DEFAULTS.userAgent,
    },
  });
}

/** feeds add | list | remove | poll | enable. */
export function registerFeedCommands(program: Command, ctx: CliContext): void {
  const feeds = program
    .command("feeds")
    .description("flux RSS, Atom et JSON Feed du site : ajout, état, relevé");

  feeds
    .command("add")
    .description("suit un flux et importe aussitôt ses articles (déjà connus : jamais diffusés)")
    .argument("<url>", "adresse du flux, ex. https://monsite.ml/feed/")
    .option("--category <rubrique>", "rubrique ajoutée à chaque article de ce flux")
    .option("--interval <durée>", "fréquence de relevé (2m au moins), ex. 10m, 1h", interval)
    .option("--no-poll", "enregistre le flux sans le relever tout de suite")
    .action(
      async (url: string, options: { category?: string; interval?: number; poll: boolean }) => {
        const app = ctx.app();
        let feed: Feed;
        try {
          feed = app.feeds.add(
            {
              url: normalizeFeedUrl(url),
              category: options.category?.trim() || null,
              intervalMs: options.interval ?? DEFAULT_INTERVAL_MS,
            },
            app.clock.now(),
          );
        } catch (error) {
          if (error instanceof FeedSourceError) throw new CliError(error.message);
          if (error instanceof FeedExistsError) {
            throw new CliError(
              `${redactText(error.message)}\nVoir son état : npm run cli -- feeds list ; le relever : npm run cli -- feeds poll ${error.feed.id}`,
            );
          }
          throw error;
        }
        ctx.out(
          `Flux n° ${feed.id} ajouté : ${redactUrl(feed.url)} (relevé toutes les ${formatInterval(feed.intervalMs)})`,
        );
        if (!options.poll) return;
        const report = await pollerOf(ctx).pollFeed(feed.id);
        if (report) printReport(ctx, report);
        if (report?.status === "error") {
          ctx.out(
            `Le flux reste enregistré et sera réessayé. Vérifiez l'adresse, ou retirez-le : npm run cli -- feeds remove ${feed.id}`,
          );
          process.exitCode = 1;
        }
      },
    );

  feeds
    .command("list")
    .description("liste les flux : dernier relevé, dernière erreur, prochain relevé")
    .option("--json", "une ligne JSON par flux (champs stables, voir README)")
    .action((options: { json?: boolean }) => {
      const app = ctx.app();
      const list = app.feeds.list();
      if (options.json) {
        for (const feed of list) printJson(ctx.out, feedJson(feed));
        return;
      }
      if (list.length === 0) {
        ctx.out("Aucun flux. Ajoutez-en un : npm run cli -- feeds add https://monsite.ml/feed/");
        return;
      }
      const when = timeFormatter(app.config.timeZone);
      for (const feed of list) {
        for (const line of describeFeed(feed, when)) ctx.out(line);
      }
    });

  feeds
    .command("remove")
    .description("ne suit plus un flux (ses articles restent)")
    .argument("<id>", "numéro du flux (voir feeds list)", positiveInt)
    .action((id: number) => {
      const app = ctx.app();
      const feed = app.feeds.get(id);
      if (!feed || !app.feeds.remove(id)) {
        throw new CliError(`Aucun flux n° ${id}. Voir la liste : npm run cli -- feeds list`);
      }
      ctx.out(`Flux n° ${id} retiré : ${redactUrl(feed.url)} (ses articles restent dans la base)`);
      if (app.config.feeds.some((u) => [feed.url, feed.addedUrl].includes(safeNormalize(u)))) {
        ctx.out(
          "Attention : cette adresse est dans FEEDS (.env) ; retirez-la aussi, sinon le flux reviendra au prochain démarrage.",
        );
      }
    });

  feeds
    .command("poll")
    .description("relève maintenant un flux (même désactivé) ou tous les flux actifs")
    .argument("[id]", "numéro du flux (voir feeds list)", positiveInt)
    .action(async (id: number | undefined) => {
      const poller = pollerOf(ctx);
      let reports: PollReport[];
      if (id === undefined) {
        reports = await poller.pollAll();
        if (reports.length === 0) ctx.out("Aucun flux actif. Voir : npm run cli -- feeds list");
      } else {
        const report = await poller.pollFeed(id);
        if (!report)
          throw new CliError(`Aucun flux n° ${id}. Voir la liste : npm run cli -- feeds list`);
        reports = [report];
      }
      for (const report of reports) printReport(ctx, report);
      if (reports.some((r) => r.status === "error")) process.exitCode = 1;
    });

  feeds
    .command("enable")
    .description("réactive un flux désactivé après trop d'échecs (relevé au prochain passage)")
    .argument("<id>", "numéro du flux", positiveInt)
    .action((id: number) => {
      const app = ctx.app();
      if (!app.feeds.enable(id, app.clock.now())) {
        throw new CliError(`Aucun flux n° ${id}. Voir la liste : npm run cli -- feeds list`);
      }
      ctx.out(
        `Flux n° ${id} réactivé. Pour le relever tout de suite : npm run cli -- feeds poll ${id}`,
      );
    });
}

/** `stats` lines for feeds (pass to registerStatsCommand): counts, failures, disabled feeds. */
export function feedsStatsSection(ctx: CliContext): string[] {
  const list = ctx.app().feeds.list();
  if (list.length === 0) return ["Flux : aucun (npm run cli -- feeds add <adresse>)"];
  const disabled = list.filter((f) => f.disabledAt);
  const failing = list.filter((f) => !f.disabledAt && f.lastStatus === "error");
  const lines = [
    `Flux : ${list.length} suivi(s), ${failing.length} en échec au dernier relevé, ${disabled.length} désactivé(s) ; ${list.reduce((n, f) => n + f.articlesNew, 0)} article(s) apporté(s)`,
  ];
  for (const f of disabled) {
    lines.push(
      `  flux n° ${f.id} désactivé : ${f.disabledReason} → npm run cli -- feeds enable ${f.id}`,
    );
  }
  return lines;
}

/** The feeds section of `stats` and `stats --json`. */
export const feedsStats: StatsSection = {
  key: "feeds",
  lines: feedsStatsSection,
  json: (ctx) => {
    const list = ctx.app().feeds.list();
    return {
      followed: list.length,
      failing: list.filter((f) => !f.disabledAt && f.lastStatus === "error").length,
      disabled: list.filter((f) => f.disabledAt).map((f) => f.id),
      articlesNew: list.reduce((n, f) => n + f.articlesNew, 0),
    };
  },
};

function printReport(ctx: CliContext, r: PollReport): void {
  const head = `Flux n° ${r.feedId}`;
  if (r.movedTo)
    ctx.out(`${head} : déménagé définitivement, nouvelle adresse enregistrée : ${r.movedTo}`);
  if (r.status === "not-modified") {
    ctx.out(`${head} : inchangé depuis le dernier relevé (304), rien à importer`);
  } else if (r.status === "ok") {
    const backlog = r.backlog
      ? " — premier relevé : articles marqués déjà connus, jamais diffusés"
      : "";
    ctx.out(
      `${head} : ${r.imported} importé(s), ${r.updated} mis à jour, ${r.unchanged} inchangé(s), ${r.problems.filter((p) => p.skipped).length} ignoré(s)${backlog}`,
    );
  } else {
    ctx.out(`${head} : échec — ${r.error}`);
    if (r.disabledReason) {
      ctx.out(`  Flux désactivé. Après correction : npm run cli -- feeds enable ${r.feedId}`);
    }
  }
  for (const p of r.problems.slice(0, MAX_PROBLEMS_SHOWN)) ctx.out(`  ${problemLine(p)}`);
  if (r.problems.length > MAX_PROBLEMS_SHOWN) {
    ctx.out(`  … et ${r.problems.length - MAX_PROBLEMS_SHOWN} autre(s)`);
  }
}

function problemLine(p: PollReport["problems"][number]): string {
  const where = p.position > 0 ? `élément ${p.position}` : "flux";
  const title = p.title ? ` « ${p.title.length > 60 ? `${p.title.slice(0, 59)}…` : p.title} »` : "";
  return `${p.skipped ? "✗" : "!"} ${where}${title} : ${p.reason}`;
}

function describeFeed(feed: Feed, when: (d: Date) => string): string[] {
  const extra = [`toutes les ${formatInterval(feed.intervalMs)}`];
  if (feed.category) extra.push(`rubrique ${feed.category}`);
  const lines = [
    `n° ${feed.id}  ${redactUrl(feed.url)}${feed.title ? `  « ${feed.title} »` : ""}  (${extra.join(", ")})`,
  ];
  if (feed.disabledAt) {
    lines.push(
      `   DÉSACTIVÉ depuis ${when(feed.disabledAt)} : ${feed.disabledReason}`,
      `   → après correction : npm run cli -- feeds enable ${feed.id}`,
    );
  }
  if (!feed.lastPolledAt) {
    lines.push("   jamais relevé");
  } else {
    const status =
      feed.lastStatus === "ok"
        ? `OK (${feed.lastHttpStatus}), ${feed.lastItemCount ?? 0} élément(s) dans le flux`
        : feed.lastStatus === "not-modified"
          ? "inchangé (304)"
          : `ÉCHEC${feed.lastHttpStatus ? ` (HTTP ${feed.lastHttpStatus})` : ""}`;
    lines.push(`   dernier relevé : ${when(feed.lastPolledAt)} — ${status}`);
    if (feed.lastError) {
      const streak =
        feed.consecutiveFailures > 1 ? ` (${feed.consecutiveFailures} échecs de suite)` : "";
      lines.push(`   dernière erreur : ${feed.lastError}${streak}`);
    }
    const skipped = feed.lastProblems.filter((p) => p.skipped).length;
    const notes = feed.lastProblems.length - skipped;
    if (skipped + notes > 0) {
      lines.push(
        `   problèmes au dernier relevé : ${skipped} élément(s) ignoré(s), ${notes} remarque(s) — détail : npm run cli -- feeds poll ${feed.id}`,
      );
    }
  }
  lines.push(`   articles apportés : ${feed.articlesNew}`);
  if (!feed.disabledAt) lines.push(`   prochain relevé : ${when(feed.nextPollAt)}`);
  return lines;
}

function timeFormatter(timeZone: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat("fr-FR", { timeZone, dateStyle: "short", timeStyle: "short" });
  return (d) => f.format(d);
}

function safeNormalize(url: string): string {
  try {
    return normalizeFeedUrl(url);
  } catch {
    return url;
  }
}
