import type { SendOutcome } from "../dispatcher/dispatcher.ts";
import { chatIdOf } from "../domain/chat-id.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import { catalogue, type Lang } from "../messages/wording.ts";
import type { OutboxRepo, OutboxRow } from "../store/outbox.ts";
import { CHANNEL, type Transport } from "../transport/transport.ts";

/** Waits `ms`, then runs `run`; returns a cancel. Tests pass one that runs at once. */
export type Later = (ms: number, run: () => void) => () => void;

const realLater: Later = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface ChannelReadBackDeps {
  transport: Pick<Transport, "name" | "checkChannelPost">;
  outbox: Pick<OutboxRepo, "enqueue">;
  clock: Clock;
  log: Logger;
  /** Editors' E.164 numbers: each is told when a post does not show. */
  editors: readonly string[];
  language: Lang;
  /** How long after the send the Channel is read (the post needs WhatsApp's server). */
  delayMs?: number;
  later?: Later;
}

/**
 * After each Channel post, reads the Channel back (through the transport's optional
 * `checkChannelPost`) and, when the post is not there, sends it once more and tells the
 * editors; when the second one is missing too, tells them again and stops. A post that
 * WhatsApp accepted but never showed is otherwise invisible (seen in other tools' issues).
 * In memory: a restart between the post and its check skips the check.
 */
export class ChannelReadBack {
  readonly #d: ChannelReadBackDeps;
  /** Rows that are already the second attempt of a missing post. */
  readonly #retries = new Set<number>();
  readonly #pending = new Set<() => void>();
  readonly #checks = new Set<Promise<void>>();

  constructor(deps: ChannelReadBackDeps) {
    this.#d = deps;
  }

  /** Whether the transport can read the Channel back at all. */
  get enabled(): boolean {
    return typeof this.#d.transport.checkChannelPost === "function";
  }

  /** The dispatcher's outcome hook: a Channel post that went through is checked later. */
  onOutcome(row: OutboxRow, outcome: SendOutcome): void {
    if (!outcome.ok || row.recipient !== CHANNEL || !this.enabled) return;
    const cancel = (this.#d.later ?? realLater)(this.#d.delayMs ?? 30_000, () => {
      this.#pending.delete(cancel);
      const check = this.check(row, outcome.transportId).finally(() => this.#checks.delete(check));
      this.#checks.add(check);
    });
    this.#pending.add(cancel);
  }

  /** Reads the Channel back for this post and acts on what it finds. */
  async check(row: OutboxRow, transportId: string | null): Promise<void> {
    const { transport, log } = this.#d;
    let found: Awaited<ReturnType<NonNullable<Transport["checkChannelPost"]>>> = "unknown";
    try {
      found = (await transport.checkChannelPost?.({ transportId, text: row.body })) ?? "unknown";
    } catch (error) {
      log.warn({ err: error, row: row.id }, "chaîne : relecture impossible");
    }
    if (found === "seen") {
      log.info({ row: row.id }, "chaîne : publication vérifiée");
      return;
    }
    if (found === "unknown") {
      log.warn({ row: row.id }, "chaîne : publication non vérifiée (WhatsApp Web indisponible)");
      return;
    }
    const second = this.#retries.has(row.id);
    this.#retries.delete(row.id);
    const now = this.#d.clock.now();
    log.warn(
      { row: row.id, attempt: second ? 2 : 1 },
      second
        ? "chaîne : publication renvoyée toujours absente, éditeurs prévenus"
        : "chaîne : publication absente, renvoyée une fois",
    );
    if (!second) {
      const id = this.#d.outbox.enqueue(
        {
          kind: "channel",
          recipient: CHANNEL,
          body: row.body,
          articleId: row.articleId,
          broadcastId: row.broadcastId,
          dedupeKey: `channel-retry:${row.id}`,
        },
        now,
      );
      if (id !== null) this.#retries.add(id);
    }
    const excerpt = excerptOf(row.body);
    const body = catalogue(this.#d.language).delivery.channelMissing(second ? 2 : 1, excerpt);
    for (const editor of this.#d.editors) {
      this.#d.outbox.enqueue({ kind: "notice", recipient: chatIdOf(editor) ?? editor, body }, now);
    }
  }

  /** Cancels the checks not started yet and waits for those running. */
  async stop(): Promise<void> {
    for (const cancel of this.#pending) cancel();
    this.#pending.clear();
    await Promise.allSettled([...this.#checks]);
  }
}

/** The post's first line, cut short: what an editor recognises it by. */
function excerptOf(body: string): string {
  const line = (body.split("\n").find((l) => l.trim() !== "") ?? body).replace(/[*_~]/g, "").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
