/**
 * The Cloud API transport's throughput, in a fresh process: 100,000 alerts to 100,000 readers
 * through CloudTransport to a local fake of Meta's API (bench/cloud-fake.ts, another process)
 * with CLOUD_RATE_PER_SECOND=1000. Prints Figure[] JSON: the sustained rate, the most requests
 * the fake saw in any 1-second window (must not pass the limit) and this process's peak RSS.
 * Usage: cloud.js [messages] [callers]
 */
import { loadConfig } from "../src/config.ts";
import { silentLogger } from "../src/log.ts";
import { CloudTransport } from "../src/transport/cloud/cloud-transport.ts";
import { peakRssMb, startCloudFake } from "./lib.ts";

const N = Number(process.argv[2] ?? 100_000);
/** Sends handed to the transport at once; default what the dispatcher keeps in flight (250 at 1,000/s). */
const CALLER_ARG = process.argv[3];
const RATE = 1000;

const { process: fake, base } = await startCloudFake();

const config = loadConfig({
  DATABASE_PATH: ":memory:",
  WHATSAPP_TRANSPORT: "cloud",
  CLOUD_API_BASE_URL: base,
  CLOUD_PHONE_NUMBER_ID: "106540352242922",
  CLOUD_API_TOKEN: "EAAbench",
  CLOUD_APP_SECRET: "bench",
  CLOUD_VERIFY_TOKEN: "bench",
  CLOUD_RATE_PER_SECOND: String(RATE),
});
const now = Date.now();
const transport = new CloudTransport({
  cloud: config.cloud,
  log: silentLogger(),
  // Every reader wrote an hour ago: free text, as most alerts to engaged readers.
  lastInbound: () => new Date(now - 3600_000),
});
await transport.start({ onMessage: () => {}, onStatus: () => {} });
const CALLERS = CALLER_ARG ? Number(CALLER_ARG) : transport.maxInFlight;

const text =
  "*Le Mali, le Niger et le Burkina Faso à Moscou*\nLes ministres des Affaires étrangères de l'AES effectuent une visite officielle en Russie.\nhttps://example.org/articles/aes-russie";
let next = 0;
let failed = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CALLERS }, async () => {
    while (next < N) {
      const i = next++;
      try {
        await transport.send(`2237${String(i).padStart(7, "0")}@c.us`, text, { kind: "alert" });
      } catch {
        failed++;
      }
    }
  }),
);
const elapsedMs = performance.now() - started;
await transport.stop();
const stats = (await (await fetch(`${base}/stats`)).json()) as {
  per10s: number[];
  count: number;
  first: number;
  last: number;
  maxInAnySecond: number;
};
fake.kill();
const peakRss = peakRssMb();
const sustained = Math.round((stats.count - 1) / ((stats.last - stats.first) / 1000));

process.stdout.write(
  JSON.stringify([
    {
      name: `Cloud API: ${N.toLocaleString("en")} alerts, sustained rate (limit ${RATE}/s)`,
      value: sustained,
      unit: "msg/s",
      target: { value: 900, better: "higher", label: "≥ 90 % of the limit" },
      note: `${stats.count} requests in ${(elapsedMs / 1000).toFixed(1)} s, ${failed} failed, ${CALLERS} callers, local node:http fake; per 10 s: ${stats.per10s.join(" ")}`,
    },
    {
      name: "Cloud API: most requests in any 1 s window",
      value: stats.maxInAnySecond,
      unit: "msg",
      target: { value: RATE, better: "lower", label: "the limit" },
    },
    {
      name: "Cloud API: peak memory of the sending process",
      value: peakRss,
      unit: "MB",
      target: { value: 150, better: "lower", label: "150 MB" },
    },
  ]),
);
process.exit(0);
