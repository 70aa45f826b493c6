import { chatIdOf } from "../domain/chat-id.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import type { DeliveryWords } from "../messages/i18n/catalogue.ts";
import { catalogue, type Lang } from "../messages/wording.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { SettingsRepo } from "../store/settings.ts";
import type { CloudSignal } from "../transport/cloud/graph-errors.ts";

/** Signs of trouble worth a pause, and how many within `windowMs` make a spike. */
const THRESHOLDS: Partial<Record<CloudSignal, number>> = {
  "spam-rate": 5,
  "not-delivered": 20,
  undeliverable: 50,
  auth: 1,
};
const WINDOW_MS = 10 * 60_000;

/** Which sentence of the catalogue says why the guard paused. */
const WHY: Partial<Record<CloudSignal, keyof DeliveryWords["guardWhy"]>> = {
  "spam-rate": "spamRate",
  "not-delivered": "notDelivered",
  undeliverable: "undeliverable",
  auth: "auth",
};

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
 * (131026), a refused token, WhatsApp Web logged out — and tells the editors why. Replies to
 * readers still go; an editor resumes with /reprendre once the cause is understood.
 */
export class BanGuard {
  readonly #d: BanGuardDeps;
  readonly #seen = new Map<CloudSignal, number[]>();

  constructor(deps: BanGuardDeps) {
    this.#d = deps;
  }

  /** One refusal from the Cloud API. Returns true when it paused broadcasts. */
  signal(signal: CloudSignal): boolean {
    const threshold = THRESHOLDS[signal];
    if (threshold === undefined) return false;
    const now = this.#d.clock.now().getTime();
    const times = (this.#seen.get(signal) ?? []).filter((t) => now - t < WINDOW_MS);
    times.push(now);
    this.#seen.set(signal, times);
    if (times.length < threshold) return false;
    this.#seen.set(signal, []);
    const w = catalogue(this.#d.language).delivery;
    const key = WHY[signal];
    return this.#pause(
      w.guardSpike(key ? w.guardWhy[key] : signal, times.length, WINDOW_MS / 60_000),
    );
  }

  /** WhatsApp Web went down: a logout or a ban is a reason to stop, a network drop is not. */
  transportDown(reason: string | undefined): boolean {
    if (!reason || !/LOGOUT|BANNED|restrict|UNPAIRED|CONFLICT/i.test(reason)) return false;
    return this.#pause(catalogue(this.#d.language).delivery.guardLoggedOut(reason));
  }

  #pause(why: string): boolean {
    const { settings, outbox, clock, log, editors } = this.#d;
    if (settings.isPaused()) return false;
    const now = clock.now();
    settings.setPaused(true, "garde-fou", now);
    log.warn({ why }, "diffusions mises en pause par le garde-fou");
    const body = catalogue(this.#d.language).delivery.guardPaused(why);
    for (const editor of editors) {
      outbox.enqueue({ kind: "notice", recipient: chatIdOf(editor) ?? editor, body }, now);
    }
    return true;
  }
}
