import { AppError, type AppErrorOptions } from "../domain/errors.ts";
import { INTERACTIVE_KINDS, type Lane, PRIORITIES, PRIORITY } from "../domain/message.ts";
import { retryDelayMs, type SendingPolicy } from "../domain/sending-policy.ts";
import { stripBidiControls } from "../lib/bidi.ts";
import type { Clock } from "../lib/clock.ts";
import type { Random } from "../lib/random.ts";
import type { Logger } from "../log.ts";
import { DISK_FULL_ADVICE, isDiskFull } from "../store/database.ts";
import { type OutboxRepo, type OutboxRow, POSTPONED_COLD } from "../store/outbox.ts";
import type { SettingsRepo } from "../store/settings.ts";
import { CHANNEL, type Transport, TransportError } from "../transport/transport.ts";
import { Pacer } from "./pacer.ts";
import type { SendBudget } from "./send-budget.ts";

/** Waits `ms`, or less when `signal` aborts (the dispatcher is woken). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Real time: a timer that a wake-up cuts short. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

/** For tests with a ManualClock: "waiting" moves the clock forward at once. */
export function clockSleep(clock: { advance(ms: number): void }): Sleep {
  return async (ms) => {
    clock.advance(Math.max(ms, 1));
  };
}

/** What the dispatcher needs to know about readers' health (the subscribers repo implements it). */
export interface ReaderHealth {
  /** Counts a permanent failure; true when the reader just became unreachable. */
  recordPermanentFailure(chatId: string, now: Date, threshold: number): boolean;
  /** A message went through: the failure count starts again. */
  recordSuccess(chatId: string): void;
}

export interface DispatcherDeps {
  outbox: OutboxRepo;
  settings: SettingsRepo;
  transport: Transport;
  /** On the outbox's database: a send's outcome is written inside the next claim's transaction. */
  readers: ReaderHealth;
  clock: Clock;
  log: Logger;
  policy: SendingPolicy;
  random?: Random;
  sleep?: Sleep;
  /** The ban guard's daily limits on alerts and digests (warm-up ramp, long-silent readers). */
  budget?: SendBudget | null | undefined;
  /**
   * What the transport answered for each message (the ban guard counts refusals, the Channel
   * read-back watches Channel posts). Called once per attempt, outside any transaction.
   */
  onOutcome?: ((row: OutboxRow, outcome: SendOutcome) => void) | null | undefined;
}

/** Another process is already sending from this database. */
export class DispatcherBusyError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("DISPATCHER_BUSY", message, options);
  }
}

/** What the transport answered for one attempt. */
export type SendOutcome =
  | { ok: true; transportId: string | null }
  | { ok: false; error: TransportError };

type Tick =
  | { kind: "progress" }
  | { kind: "wait"; until: number; rowsDueBy: number | null }
  | { kind: "blocked"; reason: "paused" | "transport-down" | "store" };

const INTERACTIVE = new Set<number>(INTERACTIVE_KINDS.map((k) => PRIORITY[k]));
/** Broadcasts to readers one by one: what the daily limits count. */
const BUDGETED = new Set<number>([PRIORITY.alert, PRIORITY.digest]);

function laneOf(priority: number): Lane {
  return INTERACTIVE.has(priority) ? "interactive" : "bulk";
}

/**
 * The one loop that sends: woken when rows are queued (and every few seconds, for rows queued
 * by another process), it claims the best due row in a transaction, sends it through the
 * transport at the pace the policy allows, and records the outcome. Paused or transport down:
 * it claims nothing and resumes by itself.
 */
export class Dispatcher {
  readonly #d: Required<DispatcherDeps>;
  readonly #pacer: Pacer;
  #wake = new AbortController();
  /** Set by wake(): a wake-up that came while no wait was in progress is not lost. */
  #wakePending = false;
  #loop: Promise<void> | null = null;
  #stopping = false;
  #unsubscribe: (() => void) | null = null;
  #lastBeat = 0;
  #blockedReason: string | null = null;
  /** The last error that stopped a tick, so that a lasting one is logged once. */
  #loopError: string | null = null;
  /**
   * The outcome of the last send, not written yet. A success is written in the next claim's
   * transaction (one commit per message instead of two), or alone before any wait; until then
   * its row stays `sending`, still the only row a crash can send twice. An outcome the store
   * refused (disk full…) blocks claiming until it is written: a message WhatsApp already has
   * must not stay `sending` (re-sent at the next start) while the loop goes on sending others.
   */
  #unrecorded: { row: number; write: () => void; refused: boolean; error: unknown } | null = null;
  /**
   * Sends still waiting for their answer, when the transport takes several at once (the Cloud
   * API: a round trip to Meta is ~0.2 s, one at a time would cap sending near 5 messages/s).
   * Their outcomes are written as they come, one commit each.
   */
  readonly #inFlight = new Set<Promise<void>>();
  readonly #budgetNoted = new Set<string>();

  constructor(deps: DispatcherDeps) {
    this.#d = { random: Math.random, sleep: realSleep, budget: null, onOutcome: null, ...deps };
    this.#pacer = new Pacer(deps.policy, this.#d.random);
  }

  /** Whether `start()` is running. */
  get running(): boolean {
    return this.#loop !== null;
  }

  /**
   * Settles rows a crash left in `sending` (crash policy, README) and starts the loop.
   * Refuses when another live process is already sending from the same database.
   */
  start(): void {
    if (this.#loop) return;
    const now = this.#d.clock.now();
    // Read and written in one transaction: two processes starting at once cannot both send.
    const holder = this.#d.settings.claimHeartbeat(
      { pid: process.pid, at: now, transportUp: this.#d.transport.isUp() },
      (beat) =>
        beat.pid !== process.pid &&
        isAlive(beat.pid) &&
        now.getTime() - beat.at.getTime() < 4 * this.#d.policy.idlePollMs + 30_000,
    );
    if (holder) {
      throw new DispatcherBusyError(
        `Un autre processus (pid ${holder.pid}) envoie déjà les messages de cette base. ` +
          "Arrêtez-le avant de démarrer celui-ci : deux envois en parallèle dépasseraient le rythme.",
      );
    }
    this.settleInterrupted();
    this.#stopping = false;
    this.#unsubscribe = this.#d.outbox.onEnqueued(() => this.wake());
    this.#beat(true);
    this.#loop = this.#run().catch((error: unknown) => {
      this.#d.log.fatal({ err: error }, "la boucle d'envoi s'est arrêtée sur une erreur");
    });
  }

  /** Stops claiming, lets the message in flight finish (up to `timeoutMs`), then returns. */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    const loop = this.#loop;
    if (!loop) return;
    this.#stopping = true;
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      loop.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), options.timeoutMs ?? 30_000);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.#d.log.warn(
        "envoi en cours non terminé à l'arrêt : il sera réglé au prochain démarrage",
      );
    }
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#loop = null;
    this.#d.settings.clearHeartbeat();
  }

  /** Cuts the current wait short: new rows, transport back up, resume. */
  wake(): void {
    this.#wakePending = true;
    this.#wake.abort();
  }

  /** Transport handlers call this: down = claim nothing; up = resume at once. */
  onTransportStatus(status: "up" | "down", reason?: string): void {
    this.#d.log.info({ status, reason }, status === "up" ? "transport prêt" : "transport coupé");
    if (this.#loop) this.#beat(true);
    if (status === "up") this.wake();
  }

  /** Crash policy: rows left in `sending` by a crash are queued again (at most one). */
  settleInterrupted(): number[] {
    const { requeued } = this.#d.outbox.settleInterrupted(this.#d.clock.now());
    if (requeued.length > 0) {
      this.#d.log.warn(
        { rows: requeued },
        "message(s) interrompu(s) par un arrêt brutal : renvoyé(s), un doublon est possible",
      );
    }
    return requeued;
  }

  /**
   * Sends everything due by `until` (default: now), waiting out the pacing through `sleep`
   * (tests pass a sleep that moves a ManualClock). Returns how many rows were handled.
   * Stops at once when the transport is down, and when paused once no reply is left to send.
   * Not for use with `start()`.
   */
  async drain(options: { until?: Date; maxRows?: number } = {}): Promise<number> {
    if (this.#loop) throw new Error("drain() ne s'utilise pas pendant start()");
    const horizon = (options.until ?? this.#d.clock.now()).getTime();
    let handled = 0;
    while (handled < (options.maxRows ?? Number.POSITIVE_INFINITY)) {
      const tick = await this.#tick();
      if (tick.kind === "progress") {
        handled++;
        continue;
      }
      if (tick.kind === "blocked" || tick.rowsDueBy === null || tick.rowsDueBy > horizon) {
        if (this.#inFlight.size === 0) break;
        // Their outcomes (a retry, a row released) decide whether anything is left.
        await Promise.all(this.#inFlight);
        continue;
      }
      const now = this.#d.clock.now().getTime();
      await this.#d.sleep(Math.max(tick.until - now, 1), new AbortController().signal);
    }
    await Promise.all(this.#inFlight);
    this.#writeUnrecorded();
    return handled;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      this.#wakePending = false;
      let tick: Tick;
      try {
        tick = await this.#tick();
        this.#loopError = null;
      } catch (error) {
        // A database hiccup (locked, disk) must not end sending: log, wait, try again. The
        // same error again at each retry (a disk that stays full) is logged once, not every 5 s.
        const key = isDiskFull(error) ? "disk-full" : String((error as Error)?.message ?? error);
        this.#d.log[key === this.#loopError ? "debug" : "error"](
          { err: error },
          isDiskFull(error)
            ? DISK_FULL_ADVICE
            : "erreur dans la boucle d'envoi : nouvel essai bientôt",
        );
        this.#loopError = key;
        tick = { kind: "blocked", reason: "paused" };
      }
      this.#beat(false);
      if (tick.kind === "progress" || this.#stopping || this.#wakePending) continue;
      const now = this.#d.clock.now().getTime();
      const idle = this.#d.policy.idlePollMs;
      const waitMs = tick.kind === "wait" ? Math.min(Math.max(tick.until - now, 0), idle) : idle;
      this.#wake = new AbortController();
      await this.#d.sleep(waitMs, this.#wake.signal);
    }
    await Promise.all(this.#inFlight);
    this.#writeUnrecorded();
  }

  /** One step, and the last send's outcome written before anything else than a next claim. */
  async #tick(): Promise<Tick> {
    let tick: Tick;
    try {
      tick = await this.#step();
    } catch (error) {
      this.#writeUnrecorded();
      throw error;
    }
    const storeBlocked = tick.kind === "blocked" && tick.reason === "store";
    if (tick.kind !== "progress" && !storeBlocked && !this.#writeUnrecorded()) {
      return this.#blocked("store");
    }
    return tick;
  }

  /** Send one row, or say how long to wait. */
  async #step(): Promise<Tick> {
    const { outbox, settings, transport, clock } = this.#d;
    if (this.#unrecorded?.refused && !this.#writeUnrecorded()) return this.#blocked("store");
    if (!transport.isUp()) return this.#blocked("transport-down");
    // Paused: every broadcast (Channel post, alert, digest) waits; answers to people who just
    // wrote still go, so the editor sees the « pause » confirmation and readers get replies.
    const paused = settings.isPaused();
    if (paused) this.#blocked("paused");
    else if (this.#blockedReason !== null) {
      this.#d.log.info({ was: this.#blockedReason }, "reprise des envois");
      this.#blockedReason = null;
    }
    const now = clock.now();
    const nowMs = now.getTime();
    // The pacer counts on the monotonic clock; its times are brought to the wall clock here.
    const toWall = nowMs - clock.monotonic();
    let until = Number.POSITIVE_INFINITY;
    let rowsDueBy: number | null = null;
    const nextDueByPriority = outbox.nextDueByPriority();
    for (const priority of PRIORITIES) {
      if (paused && laneOf(priority) !== "interactive") continue;
      const nextDue = nextDueByPriority.get(priority) ?? null;
      if (nextDue === null) continue;
      const laneAt = toWall + this.#pacer.laneReadyAt(laneOf(priority));
      const budget = BUDGETED.has(priority) && this.#d.budget?.active ? this.#d.budget : null;
      // The warm-up ceiling of today is reached: alerts and digests wait for tomorrow.
      const closed = budget?.closedUntil(now)?.getTime() ?? null;
      const dueBy = closed === null ? nextDue : Math.max(nextDue, closed);
      rowsDueBy = rowsDueBy === null ? dueBy : Math.min(rowsDueBy, dueBy);
      if (closed !== null) {
        this.#budgetNote("warm-up", closed);
        until = Math.min(until, dueBy);
        continue;
      }
      if (nextDue > nowMs || laneAt > nowMs) {
        until = Math.min(until, Math.max(nextDue, laneAt));
        continue;
      }
      // The oldest due row whose chat may receive now; a chat still in its gap is skipped, and
      // so is a long-silent reader over today's cap (moved to tomorrow below).
      let cold = false;
      // Allocated only when the cap is reached: nothing extra per message otherwise.
      let postponed: number[] | null = null;
      let postponeUntil: Date | null = null;
      const candidate = outbox.firstDue(priority, now, (c) => {
        const chatAt = toWall + this.#pacer.chatReadyAt(c.recipient);
        if (chatAt > nowMs) {
          until = Math.min(until, chatAt);
          return false;
        }
        if (!budget) return true;
        const verdict = budget.check(c.recipient, now);
        if (verdict.go) {
          cold = verdict.cold;
          return true;
        }
        if (verdict.why === "cold") {
          postponed ??= [];
          postponed.push(c.id);
          postponeUntil = verdict.until;
        }
        return false;
      });
      if (postponeUntil !== null && postponed !== null) {
        const moved = outbox.postpone(postponed, postponeUntil, now, POSTPONED_COLD);
        this.#budgetNote("cold", (postponeUntil as Date).getTime(), moved);
        // Rows moved: look again at once (other readers of this priority may be due).
        if (candidate === null) until = Math.min(until, nowMs);
      }
      if (candidate === null) continue;
      // The previous send's outcome commits with this claim (rolled back together on error).
      const outcome = outbox.claim(candidate.id, now, this.#unrecorded?.write);
      this.#unrecorded = null;
      if ("claimed" in outcome) {
        if (budget) budget.record(outcome.claimed.recipient, cold, now);
        const parallel = Math.max(1, transport.maxInFlight ?? 1);
        if (parallel === 1) {
          await this.#send(outcome.claimed, laneOf(priority), false);
          return { kind: "progress" };
        }
        const sending: Promise<void> = this.#send(outcome.claimed, laneOf(priority), true).finally(
          () => this.#inFlight.delete(sending),
        );
        this.#inFlight.add(sending);
        if (this.#inFlight.size >= parallel) await Promise.race(this.#inFlight);
        return { kind: "progress" };
      }
      if ("cancelled" in outcome) {
        this.#d.log.info({ row: candidate.id, reason: outcome.reason }, "envoi annulé");
      }
      // Cancelled, or taken/changed by someone else meanwhile: look again from the top.
      return { kind: "progress" };
    }
    if (paused && rowsDueBy === null) return this.#blocked("paused");
    return { kind: "wait", until, rowsDueBy };
  }

  /** Logs a daily limit once per limit and day, not at every tick. */
  #budgetNote(why: "warm-up" | "cold", until: number, moved = 0): void {
    const key = `${why}:${until}`;
    if (moved > 0) {
      this.#d.log.info(
        { moved, until: new Date(until) },
        "plafond du jour des lecteurs silencieux atteint : messages reportés au lendemain",
      );
    }
    if (this.#budgetNoted.has(key)) return;
    this.#budgetNoted.add(key);
    if (why === "warm-up") {
      this.#d.log.info(
        { until: new Date(until) },
        "montée en charge du numéro : plafond du jour atteint, alertes et résumés attendent demain",
      );
    }
  }

  #blocked(reason: "paused" | "transport-down" | "store"): Tick {
    if (this.#blockedReason !== reason) {
      if (reason === "store") {
        const error = this.#unrecorded?.error;
        this.#d.log.error(
          { reason, row: this.#unrecorded?.row, err: error },
          isDiskFull(error)
            ? DISK_FULL_ADVICE
            : "la base refuse d'enregistrer un envoi : rien d'autre n'est envoyé en attendant",
        );
      } else {
        this.#d.log.info(
          { reason },
          reason === "paused" ? "envois en pause" : "transport indisponible : rien n'est pris",
        );
      }
      this.#blockedReason = reason;
    }
    return { kind: "blocked", reason };
  }

  /** Writes a send's outcome now, or keeps it for the next tick when the store refuses. */
  #record(row: number, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.#unrecorded = { row, write, refused: true, error };
    }
  }

  /** Writes the outcome still waiting, if any; true once nothing is left unwritten. */
  #writeUnrecorded(): boolean {
    const pending = this.#unrecorded;
    if (!pending) return true;
    try {
      pending.write();
      this.#unrecorded = null;
      return true;
    } catch (error) {
      pending.refused = true;
      pending.error = error;
      return false;
    }
  }

  /** `parallel`: other sends are in flight, so the outcome is written at once, alone. */
  async #send(row: OutboxRow, lane: Lane, parallel: boolean): Promise<void> {
    const { outbox, transport, clock, log, policy, readers } = this.#d;
    this.#pacer.record(lane, row.recipient, clock.monotonic());
    const isReader = row.recipient !== CHANNEL;
    let outcome: () => void;
    let succeeded = false;
    try {
      // The one exit of every message: no bidi control reaches a screen, whoever wrote the text.
      const result = await transport.send(row.recipient, stripBidiControls(row.body), {
        kind: row.kind,
      });
      const sentAt = clock.now();
      succeeded = true;
      if (this.#d.onOutcome) this.#notify(row, { ok: true, transportId: result.transportId });
      outcome = () => {
        outbox.markSent(row.id, sentAt, result.transportId);
        if (isReader) readers.recordSuccess(row.recipient);
        log.debug({ row: row.id, kind: row.kind, recipient: row.recipient }, "message envoyé");
      };
    } catch (caught) {
      const error =
        caught instanceof TransportError
          ? caught
          : new TransportError(String((caught as Error)?.message ?? caught), "transient", {
              cause: caught,
            });
      if (this.#d.onOutcome) this.#notify(row, { ok: false, error });
      const now = clock.now();
      const context = { row: row.id, kind: row.kind, recipient: row.recipient, err: error.message };
      const up = transport.isUp();
      let retryAt: Date | undefined;
      outcome = () => {
        if (error.kind === "permanent") {
          outbox.markDead(row.id, now, `refus définitif : ${error.message}`);
          log.warn(context, "envoi refusé définitivement");
          if (
            isReader &&
            readers.recordPermanentFailure(row.recipient, now, policy.unreachableAfter)
          ) {
            const cancelled = outbox.cancelForRecipient(row.recipient, now, "numéro injoignable");
            log.warn({ recipient: row.recipient, cancelled }, "lecteur marqué injoignable");
          }
        } else if (!up) {
          // The connection dropped under us: not the message's fault, the attempt is not charged.
          outbox.release(row.id, now, `transport coupé : ${error.message}`);
          log.info(context, "transport coupé pendant l'envoi : message remis en file");
        } else if (row.attempts >= policy.maxAttempts) {
          outbox.markDead(row.id, now, `abandonné après ${row.attempts} essais : ${error.message}`);
          log.warn(context, "envoi abandonné après plusieurs essais");
        } else {
          // A rate limit the platform named (Cloud API) is waited out, never less.
          const delay = Math.max(
            retryDelayMs(policy, row.attempts, this.#d.random),
            error.retryAfterMs ?? 0,
          );
          retryAt ??= new Date(now.getTime() + delay);
          outbox.markFailed(row.id, now, error.message, retryAt);
          log.info({ ...context, retryAt }, "échec passager : nouvel essai prévu");
        }
      };
    }
    const pending = this.#unrecorded;
    if (succeeded && pending === null) {
      this.#unrecorded = { row: row.id, write: outcome, refused: false, error: null };
    } else if (succeeded && parallel && pending && !pending.refused) {
      // Several answers between two claims: all written in the next claim's transaction.
      const before = pending.write;
      pending.write = () => {
        before();
        outcome();
      };
    } else this.#record(row.id, outcome);
  }

  #notify(row: OutboxRow, outcome: SendOutcome): void {
    try {
      this.#d.onOutcome?.(row, outcome);
    } catch (error) {
      this.#d.log.warn({ err: error, row: row.id }, "suivi d'un envoi en échec");
    }
  }

  #beat(force: boolean): void {
    const now = this.#d.clock.now();
    if (!force && now.getTime() - this.#lastBeat < this.#d.policy.idlePollMs) return;
    this.#lastBeat = now.getTime();
    try {
      this.#d.settings.writeHeartbeat({
        pid: process.pid,
        at: now,
        transportUp: this.#d.transport.isUp(),
      });
    } catch (error) {
      // Only the CLI's view of the sender: a full disk must not end the sending loop over it.
      this.#d.log.warn({ err: error }, "battement du processus d'envoi non enregistré");
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
