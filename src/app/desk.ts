import type { DeskDeps, PairingSource } from "../http/desk/deps.ts";
import type { App } from "./services.ts";

/** The web desk's dependencies over the app's store and desk (src/http/desk/deps.ts). */
export function deskDeps(
  app: App,
  extras: { pairing?: PairingSource; checks?: DeskDeps["checks"] } = {},
): DeskDeps {
  return {
    config: app.config,
    clock: app.clock,
    log: app.log,
    desk: app.delivery.desk,
    articles: app.articles,
    broadcasts: app.broadcasts,
    subscribers: app.subscribers,
    outbox: app.outbox,
    audit: app.audit,
    receipts: app.receipts,
    sessions: app.deskSessions,
    signInTokens: app.deskSignInTokens,
    signInAttempts: app.deskSignInAttempts,
    pairing: extras.pairing,
    checks: extras.checks,
  };
}
