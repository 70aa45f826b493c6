/**
 * The process the crash test kills: sends a broadcast already queued in the database file given
 * as argument, through a transport that appends each recipient to a file and fsyncs it before
 * reporting success (so the file is the truth about what "WhatsApp" received).
 * Usage: node --import tsx tests/delivery/crash-child.ts <db> <sent-log> <broadcast-id>
 */
import fs from "node:fs";
import { openApp } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import { Dispatcher } from "../../src/dispatcher/dispatcher.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/log.ts";
import type { Recipient, SendResult, Transport } from "../../src/transport/transport.ts";

const [dbPath, logPath, broadcastArg] = process.argv.slice(2);
if (!dbPath || !logPath || !broadcastArg) {
  process.stderr.write("usage: crash-child.ts <db> <sent-log> <broadcast-id>\n");
  process.exit(64);
}
const broadcastId = Number(broadcastArg);

class FileTransport implements Transport {
  readonly name = "file";
  readonly #fd = fs.openSync(logPath as string, "a");
  #count = 0;
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    fs.closeSync(this.#fd);
  }
  isUp(): boolean {
    return true;
  }
  async send(to: Recipient): Promise<SendResult> {
    // Like a real network send, it takes a little time before and after WhatsApp has the message:
    // the kill can land before the send (not received), or after it and before the outbox knows.
    await new Promise((resolve) => setTimeout(resolve, 1));
    fs.writeSync(this.#fd, `${to}\n`);
    fs.fsyncSync(this.#fd);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.#count += 1;
    return { transportId: `file-${process.pid}-${this.#count}` };
  }
  async resolvePhones(): Promise<Map<string, string | null>> {
    return new Map();
  }
}

const config = loadConfig({ DATABASE_PATH: dbPath, TZ: "Africa/Bamako" });
const log = createLogger({ level: "warn" });
const app = openApp(config, { clock: systemClock, log });
const transport = new FileTransport();
const dispatcher = new Dispatcher({
  outbox: app.outbox,
  settings: app.settings,
  transport,
  readers: app.subscribers,
  clock: systemClock,
  log,
  // As fast as the disk allows: the test is about what a crash does, not about pacing.
  policy: { ...app.delivery.policy, ratePerMinute: 6_000_000, minGapPerChatMs: 0, jitter: 0 },
});
dispatcher.start();
const timer = setInterval(async () => {
  if (app.broadcasts.counts(broadcastId).waiting > 0) return;
  clearInterval(timer);
  await dispatcher.stop();
  await transport.stop();
  app.close();
  process.exit(0);
}, 20);
