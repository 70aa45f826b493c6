import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Registry } from "prom-client";
import type { Logger } from "../log.ts";
import type { DeskDeps } from "./desk/deps.ts";
import { createDeskApp } from "./desk/desk-app.ts";
import { type WebhookDeps, webhookRoutes } from "./webhook.ts";

export interface HttpServerOptions {
  host: string;
  port: number;
  log: Logger;
  metrics: Registry;
  /** Whether the bot can send: /healthz answers 503 when not. */
  healthy(): { ok: boolean; detail: Record<string, unknown> };
  /** The Cloud API webhook; absent with WhatsApp Web alone. */
  webhook?: Omit<WebhookDeps, "log">;
  /** The editors' web desk at /desk (src/http/desk/); absent in tests of the webhook alone. */
  desk?: DeskDeps;
}

export interface RunningHttpServer {
  /** The port actually bound (HTTP_PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/** The routes alone (tests drive them with real requests through `startHttpServer`). */
export function httpApp(options: Omit<HttpServerOptions, "host" | "port">): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => {
    const h = options.healthy();
    return c.json({ ok: h.ok, ...h.detail }, h.ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => {
    const text = await options.metrics.metrics();
    return c.body(text, 200, { "content-type": options.metrics.contentType });
  });
  if (options.webhook) {
    app.route("/webhooks/whatsapp", webhookRoutes({ ...options.webhook, log: options.log }));
  }
  if (options.desk) {
    app.route("/", createDeskApp(options.desk));
    app.get("/", (c) => c.redirect("/desk", 303));
  }
  app.notFound((c) => c.text("introuvable", 404));
  app.onError((error, c) => {
    options.log.error({ err: error }, "serveur HTTP : erreur");
    return c.text("erreur interne", 500);
  });
  return app;
}

/**
 * The bot's HTTP server (HTTP_HOST, HTTP_PORT; 127.0.0.1 by default: put a TLS reverse proxy
 * in front for Meta's webhooks): /healthz, /metrics, /webhooks/whatsapp.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const app = httpApp(options);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info) => {
        options.log.info({ host: options.host, port: info.port }, "serveur HTTP prêt");
        resolve({
          port: (server.address() as AddressInfo).port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Le port ${options.port} est déjà pris sur ${options.host} : choisissez-en un autre (HTTP_PORT dans .env).`,
              { cause: error },
            )
          : error,
      );
    });
  });
}
