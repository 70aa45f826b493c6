import type { DeskDeps, DeskSimulator, PairingSource } from "../http/desk/deps.ts";
import { createDeskSimulator } from "./desk-simulator.ts";
import type { App } from "./services.ts";

/** The web desk's dependencies over the app's store and desk (src/http/desk/deps.ts). */
export function deskDeps(
  app: App,
  extras: {
    pairing?: PairingSource;
    checks?: DeskDeps["checks"];
    simulator?: DeskSimulator;
  } = {},
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
    readerChanges: app.readerChanges,
    feeds: app.feeds,
    // Its own database, opened on first use (« Essayer »): never the app's.
    simulator:
      extras.simulator ?? createDeskSimulator(app.config, { clock: app.clock, log: app.log }),
    tips: app.tips,
    sentCounts: app.sentCounts,
    broadcastReceipts: app.broadcastReceipts,
  };
}

/** `load` run at most once per `ms` (the doctor's Chromium probe launches a browser). */
export function cachedFor<T>(ms: number, load: () => Promise<T>, now = () => Date.now()) {
  let kept: { at: number; value: Promise<T> } | null = null;
  return (): Promise<T> => {
    if (!kept || now() - kept.at >= ms) {
      const value = load();
      kept = { at: now(), value };
      // A failure is not kept: the next visit tries again.
      value.catch(() => {
        kept = null;
      });
    }
    return kept.value;
  };
}

/** The desk's address as the operator's browser reaches it (HTTP_HOST 0.0.0.0 → 127.0.0.1). */
export function deskAddress(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const name = reachable.includes(":") ? `[${reachable}]` : reachable;
  return `http://${name}:${port}/desk`;
}
