import type { Config } from "../config.ts";
import type { DeskDeps, PairingSource } from "../http/desk/deps.ts";
import { createMetrics } from "../http/metrics.ts";
import { type RunningHttpServer, startHttpServer } from "../http/server.ts";
import { localDayRange } from "../lib/zoned-time.ts";
import type { Logger } from "../log.ts";
import type { CloudTransport } from "../transport/cloud/cloud-transport.ts";
import type { Transport } from "../transport/transport.ts";
import { deskAddress, deskDeps } from "./desk.ts";
import type { App } from "./services.ts";

/**
 * /healthz, /metrics and, with the Cloud API, the webhook. With WhatsApp Web alone a port
 * already taken is only a warning (the bot still works); the Cloud API cannot run without it.
 */
export async function startHttp(
  config: Config,
  app: App,
  transport: Transport,
  cloud: CloudTransport | null,
  log: Logger,
  desk: { pairing?: PairingSource; checks?: DeskDeps["checks"] } = {},
): Promise<RunningHttpServer | null> {
  const metrics = createMetrics({
    outbox: () => app.outbox.countsByStateAndKind(),
    whatsappUp: () => transport.isUp(),
    feedsFailing: () => app.feeds.enabled().filter((f) => f.consecutiveFailures > 0).length,
    receiptsToday: () => {
      const { start, end } = localDayRange(app.clock.now(), config.timeZone);
      return app.receipts.forPeriod(start, end).total;
    },
    ...(cloud ? { cloudRefusals: () => cloud.counters.refused } : {}),
  });
  try {
    const server = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      log,
      metrics,
      desk: deskDeps(app, desk),
      healthy: () => ({
        ok: transport.isUp(),
        detail: { transport: transport.name, paused: app.settings.isPaused() },
      }),
      ...(cloud
        ? {
            webhook: {
              appSecret: config.cloud.appSecret,
              verifyToken: config.cloud.verifyToken,
              receive: (body) => cloud.receiveWebhook(body),
            },
          }
        : {}),
    });
    // What an operator opens first: said on its own line at start (npm start).
    const url = deskAddress(config.http.host, server.port);
    log.info(
      { url },
      `bureau web : ${url} (connexion : numéro d'éditeur, ou npm run cli -- desk-link)`,
    );
    return server;
  } catch (error) {
    if (cloud) throw error;
    log.warn({ err: (error as Error).message }, "serveur HTTP non démarré (/healthz, /metrics)");
    return null;
  }
}
