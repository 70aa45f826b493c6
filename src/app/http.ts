import { writeSync } from "node:fs";
import type { Config } from "../config.ts";
import type { DeskDeps, PairingSource } from "../http/desk/deps.ts";
import { createSignInLink, OPERATOR } from "../http/desk/sign-in.ts";
import { createMetrics } from "../http/metrics.ts";
import { type RunningHttpServer, startHttpServer } from "../http/server.ts";
import { localDayRange } from "../lib/zoned-time.ts";
import type { Logger } from "../log.ts";
import type { CloudTransport } from "../transport/cloud/cloud-transport.ts";
import type { Transport } from "../transport/transport.ts";
import { deskAddress, deskDeps } from "./desk.ts";
import type { App } from "./services.ts";

/**
 * A first sign-in link on the terminal, framed like the QR and written the same way (standard
 * error, at once): open it, and pair WhatsApp from the desk's Appairage page.
 */
export function printSignInLink(url: string): void {
  const rule = "─".repeat(60);
  writeSync(
    2,
    `\n${rule}\nBureau web : ouvrez ce lien pour vous connecter (une fois, dans les 15 min),\n` +
      `puis « Appairage » pour relier WhatsApp :\n\n  ${url}\n\n` +
      `Plus tard : npm run cli -- desk-link, ou votre numéro d'éditeur sur la page de connexion.\n${rule}\n\n`,
  );
}

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
  desk: {
    pairing?: PairingSource;
    checks?: DeskDeps["checks"];
    /**
     * Given a one-time sign-in link for the first editor at start (`npm start` in a terminal):
     * a newcomer opens the desk and pairs WhatsApp from it without the CLI's `desk-link`.
     */
    signInLink?: (url: string) => void;
  } = {},
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
  const { signInLink, ...deskExtras } = desk;
  const deps = deskDeps(app, deskExtras);
  try {
    const server = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      log,
      metrics,
      desk: deps,
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
    signInLink?.(`${url}/connexion/lien/${createSignInLink(deps, config.editors[0] ?? OPERATOR)}`);
    return server;
  } catch (error) {
    if (cloud) throw error;
    log.warn({ err: (error as Error).message }, "serveur HTTP non démarré (/healthz, /metrics)");
    return null;
  }
}
