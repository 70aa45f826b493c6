/**
 * Two broadcasts and a stream of replies over a transport that keeps dropping (down, up, down
 * in the middle of a send) and fails 30 % of sends, all from one seed: the scenario behind the
 * CI test and `npm run soak`.
 */

import { createDispatcher } from "../../../src/app/delivery.ts";
import { clockSleep } from "../../../src/dispatcher/dispatcher.ts";
import { type Random, seededRandom } from "../../../src/lib/random.ts";
import { MemoryTransport } from "../../../src/transport/memory.ts";
import {
  type Recipient,
  type SendResult,
  TransportError,
} from "../../../src/transport/transport.ts";
import { harness } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { tally } from "../helpers.ts";

/**
 * Out of every 100 sends: 5 find the connection dropping under them (the transport goes down),
 * 25 fail (one in five of those for good: "numéro inexistant"); the rest go through.
 */
class FlappingTransport extends MemoryTransport {
  readonly #random: Random;
  readonly #failureRate: number;
  drops = 0;
  transient = 0;
  permanent = 0;

  constructor(random: Random, failureRate: number, now: () => Date) {
    super({ now });
    this.#random = random;
    this.#failureRate = failureRate;
  }

  override async send(to: Recipient, text: string): Promise<SendResult> {
    if (!this.isUp()) return super.send(to, text);
    const r = this.#random();
    if (r < 0.05) {
      this.drops++;
      this.setDown("connexion perdue");
      throw new TransportError("connexion perdue pendant l'envoi", "transient");
    }
    if (r < this.#failureRate) {
      const permanent = r < 0.05 + (this.#failureRate - 0.05) / 5;
      if (permanent) this.permanent++;
      else this.transient++;
      throw new TransportError(
        permanent ? "numéro inexistant" : "délai dépassé",
        permanent ? "permanent" : "transient",
      );
    }
    return super.send(to, text);
  }
}

export interface FlapOptions {
  readers: number;
  seed: number;
  /** Share of sends that fail, dropped connections included (default 0.3). */
  failureRate?: number;
}

export interface FlapReport {
  rows: number;
  sent: number;
  dead: number;
  cancelled: number;
  /** Sends that failed: dropped connections, transient and permanent refusals. */
  failures: number;
  /** Times the transport went down (dropped under a send, or between sends). */
  outages: number;
  problems: string[];
}

const DEAD_REASON = /^(refus définitif : |abandonné après \d+ essais : )\S/;
const CANCEL_REASON = /^(numéro injoignable|le lecteur a écrit stop)$/;

/** Runs the broadcasts to the end over the flapping transport and checks every row's fate. */
export async function flappingBroadcast(options: FlapOptions): Promise<FlapReport> {
  const random = seededRandom(options.seed);
  const h = await harness({
    seed: options.seed,
    env: { SEND_RATE_PER_MINUTE: "600", MIN_GAP_PER_CHAT_SECONDS: "1" },
  });
  const { app, clock } = h;
  const transport = new FlappingTransport(
    seededRandom(options.seed + 1),
    options.failureRate ?? 0.3,
    () => clock.now(),
  );
  await transport.start({ onMessage: () => {}, onStatus: () => {} });
  const dispatcher = createDispatcher(app, app.delivery, transport, {
    random: seededRandom(options.seed + 2),
    sleep: clockSleep(clock),
  });
  // Everyone follows politics; every third reader economy too (two alerts for them).
  addReaders(
    app,
    Array.from({ length: options.readers }, (_, i) => ({
      chatId: chat(i),
      follows: i % 3 === 0 ? ["politique", "économie"] : ["politique"],
    })),
    clock.now(),
  );
  app.delivery.desk.publish(h.addArticle("aes"), "cli");
  const problems: string[] = [];
  const horizon = new Date(clock.now().getTime() + 7 * 86_400_000);
  const waiting = () =>
    app.db
      .prepare("SELECT count(*) FROM outbox WHERE state IN ('queued', 'failed', 'sending')")
      .pluck()
      .get() as number;
  let outages = 0;
  let replies = 0;
  let second = false;
  for (let round = 0; waiting() > 0 || !second; round++) {
    if (round > 100_000 || clock.now() > horizon) {
      problems.push(`still ${waiting()} rows waiting after ${round} rounds`);
      break;
    }
    await dispatcher.drain({ until: horizon, maxRows: 1 + Math.floor(random() * 30) });
    if (!second && (random() < 0.05 || waiting() === 0)) {
      // A second broadcast starts in the middle of the first.
      second = true;
      app.delivery.desk.publish(h.addArticle("coton"), "cli");
    }
    if (random() < 0.3) {
      replies++;
      const to = chat(Math.floor(random() * options.readers));
      app.outbox.enqueue({ kind: "reply", recipient: to, body: `Réponse ${replies}` }, clock.now());
    }
    if (transport.isUp() && random() < 0.08) transport.setDown("réseau coupé");
    if (!transport.isUp()) {
      outages++;
      const during = await dispatcher.drain({ until: horizon });
      if (during !== 0) problems.push(`${during} rows handled while the transport was down`);
      clock.advance(Math.floor(random() * 15 * 60_000));
      transport.setUp();
    }
  }

  const rows = app.db
    .prepare("SELECT recipient, body, state, last_error AS reason, transport_id AS tid FROM outbox")
    .all() as {
    recipient: string;
    body: string;
    state: string;
    reason: string | null;
    tid: string | null;
  }[];
  const delivered = tally(transport.sent.map((m) => `${m.to}\n${m.text}`));
  for (const key of delivered.repeated) {
    problems.push(`received twice: ${key.replace("\n", " → ").slice(0, 80)}`);
  }
  const ids = new Set(transport.sent.map((m) => m.transportId));
  for (const row of rows) {
    const key = `${row.recipient}\n${row.body}`;
    if (row.state === "sent") {
      if (!row.tid || !ids.has(row.tid)) problems.push(`sent row without a delivery: ${key}`);
    } else if (delivered.counts.has(key)) {
      problems.push(`${row.state} row was delivered anyway: ${key.slice(0, 80)}`);
    }
    if (row.state === "dead" && !DEAD_REASON.test(row.reason ?? "")) {
      problems.push(`dead without a reason: ${row.reason}`);
    }
    if (row.state === "cancelled" && !CANCEL_REASON.test(row.reason ?? "")) {
      problems.push(`cancelled without a known reason: ${row.reason}`);
    }
    if (!["sent", "dead", "cancelled"].includes(row.state)) {
      problems.push(`row left ${row.state}: ${key.slice(0, 80)}`);
    }
  }
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  if (count("sent") !== transport.sent.length) {
    problems.push(`${count("sent")} rows sent but ${transport.sent.length} deliveries`);
  }
  app.close();
  return {
    rows: rows.length,
    sent: count("sent"),
    dead: count("dead"),
    cancelled: count("cancelled"),
    failures: transport.drops + transport.transient + transport.permanent,
    outages,
    problems,
  };
}
