import fs from "node:fs";
import { createBot } from "../bot/bot.ts";
import type { Config } from "../config.ts";
import { Ingest } from "../ingest/ingest.ts";
import { shippedSummaryModel } from "../ingest/summary/summary.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import { seedFeeds } from "../sources/feeds/feed-sources.ts";
import { FETCH_DEFAULTS } from "../sources/feeds/fetch.ts";
import { FeedPoller } from "../sources/feeds/poller.ts";
import { checkpointWal } from "../store/database.ts";
import { CloudTransport } from "../transport/cloud/cloud-transport.ts";
import type { Transport } from "../transport/transport.ts";
import { WhatsAppTransport } from "../transport/whatsapp/whatsapp.ts";
import { BanGuard } from "./ban-guard.ts";
import { ChannelReadBack } from "./channel-read-back.ts";
import { createDispatcher, createSchedules } from "./delivery.ts";
import { cachedFor } from "./desk.ts";
import { pairingChecks } from "./doctor.ts";
import { printSignInLink, startHttp } from "./http.ts";
import { Lifecycle, STAGE_TIMEOUT_MS } from "./lifecycle.ts";
import { acquireInstanceLocks, LOCK_HEARTBEAT_MS } from "./lock.ts";
import { PairingWatch } from "./pairing.ts";
import { type App, openApp } from "./services.ts";
import { chooseTransport } from "./transport.ts";

export interface RunningBot {
  app: App;
  transport: Transport;
  /** Stops everything in order; safe to call twice. */
  stop(reason: string): Promise<void>;
}

export interface StartDeps {
  log: Logger;
  clock?: Clock;
  /** Default: the one WHATSAPP_TRANSPORT names (src/app/transport.ts). */
  createTransport?: (config: Config, log: Logger) => Transport;
}

/**
 * Starts the whole bot on a validated configuration: the instance lock, the store, the
 * articles folder, the dispatcher and the timed jobs, WhatsApp and the bot, the feeds. Throws
 * (after stopping what was started, in the shutdown order) when it cannot run: another
 * instance holds the locks, the store cannot be opened, no Chromium. WhatsApp being
 * unreachable is not an error: the transport keeps retrying.
 */
export async function startBot(config: Config, deps: StartDeps): Promise<RunningBot> {
  const { log } = deps;
  const clock = deps.clock ?? systemClock;
  const held = new Lifecycle(log);
  try {
    const lock = acquireInstanceLocks(config, {
      onStale: (reason, owner) =>
        log.warn({ pid: owner?.pid ?? null, reason }, "verrou d'une instance arrêtée : repris"),
    });
    const heartbeat = setInterval(() => lock.refresh(), LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    held.hold("verrou", () => {
      clearInterval(heartbeat);
      lock.release();
    });

    const app = openApp(config, { clock, log });
    held.hold("base de données", () => app.close());
    seedFeeds(app.feeds, config.feeds, { now: clock.now(), log });

    // Read once, now: a missing or stale summary model stops the start with its fix.
    shippedSummaryModel();
    const ingest = new Ingest({
      articles: app.articles,
      clock,
      log,
      summaryMaxChars: config.summaryMaxChars,
      checkpoint: () => checkpointWal(app.db, "PASSIVE"),
    });
    await importArticlesFolder(config, ingest, log);

    // Pauses broadcasts on signs the number is in trouble (Cloud refusals, a logout).
    const guard = new BanGuard({
      ...app,
      clock,
      log,
      editors: config.editors,
      language: config.language,
    });
    // The web desk's pairing page follows the QR and the connection (src/app/pairing.ts).
    const web: { transport: WhatsAppTransport | null; pairing: PairingWatch | null } = {
      transport: null,
      pairing: null,
    };
    const chosen = deps.createTransport
      ? { transport: deps.createTransport(config, log), cloud: null }
      : chooseTransport(config, app, log, {
          onSignal: (signal) => guard.signal(signal),
          web: () => {
            web.transport = new WhatsAppTransport({
              config,
              log,
              onQr: (qr) => web.pairing?.qr(qr),
            });
            return web.transport;
          },
        });
    const transport = chosen.transport;
    const linked = web.transport;
    const pairing = new PairingWatch(
      transport.name,
      linked ? (phone) => linked.requestPairingCode(phone) : null,
    );
    web.pairing = pairing;
    const cloud = transport instanceof CloudTransport ? transport : chosen.cloud;
    // The dispatcher starts first: it refuses to run when another live process already sends
    // from this database, before a browser is opened for nothing.
    // After a Channel post, the Channel is read back (WhatsApp Web only): missing, sent again.
    const readBack = new ChannelReadBack({
      transport,
      outbox: app.outbox,
      clock,
      log,
      editors: config.editors,
      language: config.language,
    });
    held.hold("envois", () => readBack.stop());
    const dispatcher = createDispatcher(app, app.delivery, transport, {
      onOutcome: (row, outcome) => {
        guard.onOutcome(row, outcome);
        readBack.onOutcome(row, outcome);
      },
    });
    dispatcher.start();
    held.hold("envois", () => dispatcher.stop({ timeoutMs: STAGE_TIMEOUT_MS }));
    const schedules = createSchedules(app, app.delivery);
    schedules.start();
    held.hold("tâches et flux", () => schedules.stop());
    // Catch up at once rather than at the next minute: articles imported while the bot was down.
    void schedules.run("plan");

    const bot = createBot(app, {
      backend: app.delivery.desk,
      transport,
      via: "whatsapp",
    });
    await transport.start({
      onMessage: async (message) => {
        await bot.handle(message);
      },
      onStatus: (status, reason) => {
        pairing.status(status, reason);
        if (status === "down") guard.transportDown(reason);
        dispatcher.onTransportStatus(status, reason);
      },
      onState: (state) => {
        guard.state(state);
      },
      onReceipt: (receipt) => {
        try {
          app.receipts.record(receipt);
        } catch (error) {
          log.warn({ err: error }, "accusé de réception non enregistré");
        }
      },
    });
    held.hold("navigateur", () => transport.stop());
    const http = await startHttp(config, app, transport, cloud, log, {
      pairing,
      checks: cachedFor(5 * 60_000, () => pairingChecks(config)),
      // On a terminal only, like the QR: never into a service's stored logs.
      ...(process.stderr.isTTY ? { signInLink: printSignInLink } : {}),
    });
    if (http) held.hold("serveur HTTP", () => http.close());

    const poller = new FeedPoller({
      feeds: app.feeds,
      importer: ingest,
      clock,
      log,
      // New articles from a feed are announced now, not at the planner's next minute.
      onNewArticles: () => void schedules.run("plan"),
      options: {
        destinations: config.feedDestinations,
        userAgent: config.siteUrl
          ? `${FETCH_DEFAULTS.userAgent} +${config.siteUrl}`
          : FETCH_DEFAULTS.userAgent,
      },
    });
    poller.start();
    held.hold("tâches et flux", () => poller.stop());
    log.info(
      { database: config.databasePath, feeds: app.feeds.enabled().length },
      "suivez-info démarré",
    );

    let stopping: Promise<void> | null = null;
    const stop = (reason: string): Promise<void> => {
      stopping ??= (async () => {
        log.info({ reason }, "arrêt en cours…");
        await held.release();
        log.info("suivez-info arrêté proprement");
      })();
      return stopping;
    };
    return { app, transport, stop };
  } catch (error) {
    await held.release();
    throw error;
  }
}

/** Imports `ARTICLES_DIR` at start-up (new and changed files only) and logs what failed. */
async function importArticlesFolder(config: Config, ingest: Ingest, log: Logger): Promise<void> {
  if (!fs.existsSync(config.articlesDir)) {
    log.info({ dir: config.articlesDir }, "pas de dossier d'articles : rien à importer");
    return;
  }
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
}
