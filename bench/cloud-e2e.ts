/**
 * The whole sending path on the Cloud API, in a fresh process: one alert planned for N readers
 * (default 100,000) in a real SQLite store, sent by the real dispatcher through CloudTransport
 * to the local fake of Meta's API (bench/cloud-fake.ts) at CLOUD_RATE_PER_SECOND=1000.
 * Prints Figure[] JSON. Usage: cloud-e2e.js <dir> [readers]
 */
import path from "node:path";
import { createDispatcher } from "../src/app/delivery.ts";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { systemClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { CloudTransport } from "../src/transport/cloud/cloud-transport.ts";
import { peakRssMb, seedReaders, startCloudFake } from "./lib.ts";

const dir = process.argv[2] ?? ".";
const N = Number(process.argv[3] ?? 100_000);
const RATE = 1000;
const { process: fake, base } = await startCloudFake();
const config = loadConfig({
  DATABASE_PATH: path.join(dir, "cloud-e2e.db"),
  LOG_LEVEL: "silent",
  WHATSAPP_TRANSPORT: "cloud",
  CLOUD_API_BASE_URL: base,
  CLOUD_PHONE_NUMBER_ID: "106540352242922",
  CLOUD_API_TOKEN: "EAAbench",
  CLOUD_APP_SECRET: "bench",
  CLOUD_VERIFY_TOKEN: "bench",
  CLOUD_RATE_PER_SECOND: String(RATE),
  CLOUD_TEMPLATE_ALERT: "suivez_alerte",
  QUIET_HOURS: "00:00-00:01",
  ALERTS_PER_DAY: "100",
});
const app = openApp(config, { clock: systemClock, log: silentLogger() });
seedReaders(app, N, Date.now() - 3600_000);
const article = prepareArticle(
  {
    origin: "bench",
    title: "Le Mali, le Niger et le Burkina Faso à Moscou",
    body: "Les ministres des Affaires étrangères de l'AES effectuent une visite officielle en Russie. Ils y rencontrent leurs homologues pour parler de sécurité et de coopération économique.",
    categories: ["Politique"],
    publishedAt: new Date(),
    status: "published",
  },
  { summaryMaxChars: config.summaryMaxChars },
);
const id = app.articles.upsert(article, new Date(), { known: false }).id;
const transport = new CloudTransport({
  cloud: config.cloud,
  log: silentLogger(),
  lastInbound: (chatId) => app.subscribers.get(chatId)?.lastSeenAt ?? null,
});
await transport.start({ onMessage: () => {}, onStatus: () => {} });
const dispatcher = createDispatcher(app, app.delivery, transport);
const receipt = app.delivery.desk.publish(id, "bench");
const started = performance.now();
await dispatcher.drain({ until: new Date(Date.now() + 3600_000) });
const elapsed = performance.now() - started;
await transport.stop();
const counts = app.outbox.countsByStateAndKind();
app.close();
const stats = (await (await fetch(`${base}/stats`)).json()) as {
  count: number;
  first: number;
  last: number;
  maxInAnySecond: number;
};
fake.kill();
const sent = counts.find((c) => c.state === "sent" && c.kind === "alert")?.count ?? 0;
process.stdout.write(
  JSON.stringify([
    {
      name: `Cloud API, whole path: one alert to ${N.toLocaleString("en")} readers (store → dispatcher → API)`,
      value: Math.round((stats.count - 1) / ((stats.last - stats.first) / 1000)),
      unit: "msg/s",
      target: { value: 900, better: "higher", label: "≥ 90 % of the 1,000/s limit" },
      note: `${sent}/${receipt.recipients} sent in ${(elapsed / 1000).toFixed(1)} s; busiest second ${stats.maxInAnySecond}; peak RSS ${peakRssMb()} MB`,
    },
  ]),
);
process.exit(0);
