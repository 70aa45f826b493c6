/**
 * `npm start`: the bot for real. Loads `.env`, opens the store, imports the articles folder,
 * then runs the feeds, the timed jobs, the dispatcher, the bot and WhatsApp until SIGINT or
 * SIGTERM, and stops them in order.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import { type RunningDelivery, startDelivery } from "./app/delivery.ts";
import { acquireInstanceLocks, LOCK_HEARTBEAT_MS, type Lock } from "./app/lock.ts";
import { type App, openApp } from "./app/services.ts";
import { createBot } from "./bot/bot.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type ErrorCode, hasCode } from "./domain/errors.ts";
import { Ingest } from "./ingest/ingest.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { createLogger, type Logger } from "./log.ts";
import { seedFeeds } from "./sources/feeds/feed-sources.ts";
import { FETCH_DEFAULTS } from "./sources/feeds/fetch.ts";
import { FeedPoller } from "./sources/feeds/poller.ts";
import type { Transport } from "./transport/transport.ts";
import { WhatsAppTransport } from "./transport/whatsapp/whatsapp.ts";

/** How long each stage of the shutdown may take before we move on to the next. */
const STAGE_TIMEOUT_MS = 5_000;

export interface RunningBot {
  app: App;
  transport: Transport;
  /** Stops everything in order; safe to call twice. */
  stop(reason: string): Promise<void>;
}

export interface StartDeps {
  log: Logger;
  clock?: Clock;
  /** Default: WhatsApp through whatsapp-web.js. */
  createTransport?: (config: Config, log: Logger) => Transport;
}

async function within(
  log: Logger,
  stage: string,
  work: () => Promise<unknown> | unknown,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), STAGE_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(work), late]);
    if (result === "late") log.warn({ stage }, `arrêt : « ${stage} » trop long, on continue`);
  } catch (error) {
    log.error({ err: error, stage }, `arrêt : « ${stage} » a échoué`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the whole bot on a validated configuration. Throws (after undoing what was started)
 * when it cannot run: another instance holds the locks, the store cannot be opened, no
 * Chromium. WhatsApp being unreachable is not an error: the transport keeps retrying.
 */
export async function startBot(config: Config, deps: StartDeps): Promise<RunningBot> {
  const { log } = deps;
  const clock = deps.clock ?? systemClock;
  const undo: Array<() => Promise<void> | void> = [];
  const rollback = async () => {
    for (const step of undo.reverse()) await within(log, "annulation", step);
  };
  try {
    const lock: Lock = acquireInstanceLocks(config, {
      onStale: (reason, owner) =>
        log.warn({ pid: owner?.pid ?? null, reason }, "verrou d'une instance arrêtée : repris"),
    });
    const heartbeat = setInterval(() => lock.refresh(), LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    undo.push(() => {
      clearInterval(heartbeat);
      lock.release();
    });

    const app = openApp(config, { clock, log });
    seedFeeds(app.feeds, config.feeds, { now: clock.now(), log });
    undo.push(() => app.close());

    const ingest = new Ingest({
      articles: app.articles,
      clock,
      log,
      summaryMaxChars: config.summaryMaxChars,
    });
    if (fs.existsSync(config.articlesDir)) {
      const report = await ingest.importPaths([config.articlesDir]);
      log.info(
        {
          dir: config.articlesDir,
          imported: report.imported,
          updated: report.updated,
          unchanged: report.unchanged,
          failed: report.failed.length,
        },
        "articles importés",
      );
      for (const failure of report.failed) {
        log.warn({ file: failure.origin, reason: failure.reason }, "article non importé");
      }
    } else {
      log.info({ dir: config.articlesDir }, "pas de dossier d'articles : rien à importer");
    }

    const transport = (deps.createTransport ?? defaultTransport)(config, log);
    let delivery: RunningDelivery | null = null;
    const poller = new FeedPoller({
      feeds: app.feeds,
      importer: ingest,
      clock,
      log,
      // New articles from a feed are announced now, not at the planner's next minute.
      onNewArticles: () => void delivery?.schedules.run("plan"),
      options: {
        userAgent: config.siteUrl
          ? `${FETCH_DEFAULTS.userAgent} +${config.siteUrl}`
          : FETCH_DEFAULTS.userAgent,
      },
    });

    delivery = startDelivery(app, app.delivery, transport);
    const running = delivery;
    undo.push(() => running.stop());

    const bot = createBot(app, {
      backend: app.delivery.broadcaster,
      transport,
      via: "whatsapp",
    });
    await transport.start({
      onMessage: async (message) => {
        await bot.handle(message);
      },
      onStatus: (status, reason) => running.dispatcher.onTransportStatus(status, reason),
    });
    undo.push(() => transport.stop());

    poller.start();
    undo.push(() => poller.stop());
    log.info(
      { database: config.databasePath, feeds: app.feeds.enabled().length },
      "suivez-info démarré",
    );

    let stopping: Promise<void> | null = null;
    const stop = (reason: string): Promise<void> => {
      stopping ??= (async () => {
        log.info({ reason }, "arrêt en cours…");
        // Stop claiming and let the send in flight finish, then the jobs that only queue.
        await within(log, "envois", () => running.dispatcher.stop({ timeoutMs: STAGE_TIMEOUT_MS }));
        await within(log, "tâches et flux", () =>
          Promise.all([running.schedules.stop(), poller.stop()]),
        );
        await within(log, "navigateur", () => transport.stop());
        await within(log, "base de données", () => app.close());
        clearInterval(heartbeat);
        lock.release();
        log.info("suivez-info arrêté proprement");
      })();
      return stopping;
    };
    return { app, transport, stop };
  } catch (error) {
    await rollback();
    throw error;
  }
}

function defaultTransport(config: Config, log: Logger): Transport {
  return new WhatsAppTransport({ config, log });
}

/** What the operator reads when the bot cannot start: the message already says what to do. */
/** Start-up failures whose message is the whole story: no stack trace for the operator. */
const EXPLAINED: ErrorCode[] = [
  "LOCK_HELD",
  "STORE_UNAVAILABLE",
  "CHROMIUM_NOT_FOUND",
  "DISPATCHER_BUSY",
];

/** The `npm start` process: exit 2 on a bad .env, 1 when it cannot start, 0 after a clean stop. */
export async function run(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `${error.message}\nCorrigez .env (modèle : .env.example), puis relancez.\n`,
    );
    process.exitCode = 2;
    return;
  }
  const log = createLogger({ level: config.logLevel });
  // whatsapp-web.js runs async listeners of its own (page navigation, re-injection) whose
  // failures after a browser closed surface here: log them, do not kill the bot over them.
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, "promesse rejetée non gérée (ignorée)");
  });

  let bot: RunningBot;
  try {
    bot = await startBot(config, { log });
  } catch (error) {
    if (hasCode(error, ...EXPLAINED)) {
      log.fatal({ code: error.code }, error.message);
      process.stderr.write(`\n${error.explain()}\n`);
    } else {
      log.fatal({ err: error }, "démarrage impossible");
    }
    process.exitCode = 1;
    return;
  }

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      bot.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.fatal({ err: error }, "arrêt incomplet");
          process.exit(1);
        },
      );
      // Whatever hangs, the process ends: a service manager must be able to restart it.
      setTimeout(() => {
        log.error("arrêt trop long : sortie forcée");
        process.exit(1);
      }, 6 * STAGE_TIMEOUT_MS).unref();
      return;
    }
    // npm and tsx relay the terminal's Ctrl-C: the same signal may arrive twice, and late on a
    // loaded machine. Only a request well after the first one means "stop now".
    if (now - firstSignalAt < 5_000) return;
    log.warn({ signal }, "deuxième demande d'arrêt : sortie immédiate");
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
