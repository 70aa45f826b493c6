import { Gauge, Registry } from "prom-client";

/** What /metrics reads at each scrape (the store and the transport, passed in). */
export interface MetricsSources {
  outbox(): { state: string; kind: string; count: number }[];
  whatsappUp(): boolean;
  feedsFailing(): number;
  /** The Cloud API's refusals by signal (throughput, spam-rate…), when it is the transport. */
  cloudRefusals?(): ReadonlyMap<string, number>;
  receiptsToday?(): { sent: number; delivered: number; read: number };
}

/**
 * The Prometheus registry of the bot: outbox rows by state and kind (sends are `sent`,
 * failures `failed` and `dead`), WhatsApp up, feeds failing, Cloud API refusals, today's
 * receipts. Each gauge is read from its source at scrape time: nothing to keep in step.
 */
export function createMetrics(sources: MetricsSources): Registry {
  const registry = new Registry();
  new Gauge({
    name: "suivez_outbox_messages",
    help: "Messages in the outbox by state (queued, sending, sent, failed, dead, cancelled) and kind",
    labelNames: ["state", "kind"],
    registers: [registry],
    collect() {
      this.reset();
      for (const row of sources.outbox()) this.set({ state: row.state, kind: row.kind }, row.count);
    },
  });
  new Gauge({
    name: "suivez_whatsapp_up",
    help: "1 when the transport can send",
    registers: [registry],
    collect() {
      this.set(sources.whatsappUp() ? 1 : 0);
    },
  });
  new Gauge({
    name: "suivez_feeds_failing",
    help: "Enabled feeds whose last poll failed",
    registers: [registry],
    collect() {
      this.set(sources.feedsFailing());
    },
  });
  if (sources.cloudRefusals) {
    const refusals = sources.cloudRefusals;
    new Gauge({
      name: "suivez_cloud_api_refusals",
      help: "Cloud API refusals since start, by kind (throughput, pair-rate, spam-rate, not-delivered, window, undeliverable, auth, invalid, server)",
      labelNames: ["signal"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [signal, count] of refusals()) this.set({ signal }, count);
      },
    });
  }
  if (sources.receiptsToday) {
    const today = sources.receiptsToday;
    new Gauge({
      name: "suivez_receipts_today",
      help: "Broadcast messages sent today, delivered and read",
      labelNames: ["status"],
      registers: [registry],
      collect() {
        const r = today();
        this.set({ status: "sent" }, r.sent);
        this.set({ status: "delivered" }, r.delivered);
        this.set({ status: "read" }, r.read);
      },
    });
  }
  return registry;
}
