import { chatIdOf } from "../domain/chat-id.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
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

/** Why the guard paused, as editors read it (to fold into the wording catalogue). */
const WHY: Partial<Record<CloudSignal, string>> = {
  "spam-rate":
    "Meta limite le numéro (131048 : trop de messages signalés ou ignorés par les lecteurs)",
  "not-delivered": "Meta refuse de livrer beaucoup de messages (131049 : engagement trop faible)",
  undeliverable: "beaucoup de messages impossibles à livrer (131026)",
  auth: "l'API WhatsApp refuse le jeton (CLOUD_API_TOKEN)",
};

export interface BanGuardDeps {
  settings: SettingsRepo;
  outbox: OutboxRepo;
  clock: Clock;
  log: Logger;
  /** Editors' E.164 numbers: each is told why sending stopped. */
  editors: readonly string[];
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
    return this.#pause(`${WHY[signal] ?? signal} : ${times.length} en ${WINDOW_MS / 60_000} min`);
  }

  /** WhatsApp Web went down: a logout or a ban is a reason to stop, a network drop is not. */
  transportDown(reason: string | undefined): boolean {
    if (!reason || !/LOGOUT|BANNED|restrict|UNPAIRED|CONFLICT/i.test(reason)) return false;
    return this.#pause(`WhatsApp Web : session fermée (${reason})`);
  }

  #pause(why: string): boolean {
    const { settings, outbox, clock, log, editors } = this.#d;
    if (settings.isPaused()) return false;
    const now = clock.now();
    settings.setPaused(true, "garde-fou", now);
    log.warn({ why }, "diffusions mises en pause par le garde-fou");
    const body = `⚠️ Diffusions mises en pause automatiquement : ${why}. Les réponses aux lecteurs continuent. Vérifiez la qualité du numéro (Meta Business Manager), puis /reprendre.`;
    for (const editor of editors) {
      outbox.enqueue({ kind: "notice", recipient: chatIdOf(editor) ?? editor, body }, now);
    }
    return true;
  }
}
