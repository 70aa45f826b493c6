import type { SendOutcome } from "../dispatcher/dispatcher.ts";
import { chatIdOf } from "../domain/chat-id.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import type { DeliveryWords } from "../messages/i18n/catalogue.ts";
import { catalogue, type Lang } from "../messages/wording.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { SettingsRepo } from "../store/settings.ts";
import type { CloudSignal } from "../transport/cloud/graph-errors.ts";

/** What the guard counts: Meta's refusals by signal, and permanent refusals of any transport. */
type Watched = CloudSignal | "refused";

/**
 * How many within the window make a spike, and what share of the sends in the window they must
 * also be: a broadcast to 100,000 readers meets a few hundred dead numbers without any trouble,
 * so the refusals that many readers cause are judged against what was sent (a share), those
 * that say the number itself is limited (131048, a token, a block) on their count alone.
 */
const THRESHOLDS: Partial<Record<Watched, { min: number; share: number }>> = {
  "spam-rate": { min: 5, share: 0 },
  "not-delivered": { min: 20, share: 0.05 },
  undeliverable: { min: 50, share: 0.1 },
  refused: { min: 20, share: 0.2 },
  auth: { min: 1, share: 0 },
  restricted: { min: 1, share: 0 },
};
const WINDOW_MS = 10 * 60_000;
const BUCKET_MS = 60_000;

/** Which sentence of the catalogue says why the guard paused. */
function why(w: DeliveryWords, signal: Watched): string {
  switch (signal) {
    case "spam-rate":
      return w.guardWhy.spamRate;
    case "not-delivered":
      return w.guardWhy.notDelivered;
    case "undeliverable":
      return w.guardWhy.undeliverable;
    case "auth":
      return w.guardWhy.auth;
    case "restricted":
      return w.guardRestricted;
    case "refused":
      return w.guardRefused;
    default:
      return signal;
  }
}

/**
 * WhatsApp Web's states and disconnection reasons that mean the number itself is in trouble:
 * logged out or unpaired from the phone, blocked by WhatsApp for its terms (TOS_BLOCK,
 * SMB_TOS_BLOCK: a ban or a restriction), replaced by another session. A network drop is not.
 */
const TROUBLE = /LOGOUT|BANNED|restrict|UNPAIRED|CONFLICT|TOS_BLOCK/i;

/** Counts over the last ten minutes in one-minute buckets: memory stays flat at 1,000/s. */
class WindowCount {
  readonly #buckets = new Map<number, number>();

  add(now: number): void {
    const key = Math.floor(now / BUCKET_MS);
    this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + 1);
    for (const k of this.#buckets.keys())
      if ((key - k) * BUCKET_MS >= WINDOW_MS) this.#buckets.delete(k);
  }

  total(now: number): number {
    const key = Math.floor(now / BUCKET_MS);
    let sum = 0;
    for (const [k, n] of this.#buckets) if ((key - k) * BUCKET_MS < WINDOW_MS) sum += n;
    return sum;
  }

  clear(): void {
    this.#buckets.clear();
  }
}

export interface BanGuardDeps {
  settings: SettingsRepo;
  outbox: OutboxRepo;
  clock: Clock;
  log: Logger;
  /** Editors' E.164 numbers: each is told why sending stopped. */
  editors: readonly string[];
  /** The newsroom's language: what editors read the guard's notice in. */
  language: Lang;
}

/**
 * Pauses every broadcast by itself on signs that the number is in trouble — a spike of Meta's
 * spam-rate limits (131048), of refusals to deliver (131049) or undeliverable messages
 * (131026), a refused token, a blocked account (368, 131031), a spike of permanent refusals
 * with either transport, WhatsApp Web logged out, unpaired or blocked (TOS_BLOCK) — and tells
 * the editors why. Replies to readers still go; an editor resumes with /reprendre once the
 * cause is understood.
 */
export class BanGuard {
  readonly #d: BanGuardDeps;
  readonly #seen = new Map<Watched, WindowCount>();
  readonly #sends = new WindowCount();

  constructor(deps: BanGuardDeps) {
    this.#d = deps;
  }

  /** A message was handed to WhatsApp (accepted or refused): what shares are judged against. */
  sent(): void {
    this.#sends.add(this.#d.clock.now().getTime());
  }

  /** The dispatcher's outcome hook: every attempt counts, a permanent refusal is watched. */
  onOutcome(_row: unknown, outcome: SendOutcome): void {
    this.sent();
    if (!outcome.ok && outcome.error.kind === "permanent") this.refused();
  }

  /** One refusal from the Cloud API. Returns true when it paused broadcasts. */
  signal(signal: CloudSignal): boolean {
    return this.#count(signal);
  }

  /** A permanent refusal of a message, with either transport. True when it paused. */
  refused(): boolean {
    return this.#count("refused");
  }

  /** WhatsApp Web went down: a logout or a ban is a reason to stop, a network drop is not. */
  transportDown(reason: string | undefined): boolean {
    if (!reason || !TROUBLE.test(reason)) return false;
    return this.#pause(catalogue(this.#d.language).delivery.guardLoggedOut(reason));
  }

  /** WhatsApp Web's connection state changed (whatsapp-web.js `change_state`). */
  state(state: string): boolean {
    if (!TROUBLE.test(state)) return false;
    return this.#pause(catalogue(this.#d.language).delivery.guardBlocked(state));
  }

  #count(signal: Watched): boolean {
    const threshold = THRESHOLDS[signal];
    if (threshold === undefined) return false;
    const now = this.#d.clock.now().getTime();
    let count = this.#seen.get(signal);
    if (!count) {
      count = new WindowCount();
      this.#seen.set(signal, count);
    }
    count.add(now);
    const times = count.total(now);
    if (times < threshold.min) return false;
    if (threshold.share > 0 && times < threshold.share * Math.max(this.#sends.total(now), times)) {
      return false;
    }
    count.clear();
    const w = catalogue(this.#d.language).delivery;
    return this.#pause(w.guardSpike(why(w, signal), times, WINDOW_MS / 60_000));
  }

  #pause(reason: string): boolean {
    const { settings, outbox, clock, log, editors } = this.#d;
    if (settings.isPaused()) return false;
    const now = clock.now();
    settings.setPaused(true, "garde-fou", now);
    log.warn({ why: reason }, "diffusions mises en pause par le garde-fou");
    const body = catalogue(this.#d.language).delivery.guardPaused(reason);
    for (const editor of editors) {
      outbox.enqueue({ kind: "notice", recipient: chatIdOf(editor) ?? editor, body }, now);
    }
    return true;
  }
}
