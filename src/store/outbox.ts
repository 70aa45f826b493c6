import type { Database, Statement } from "better-sqlite3";
import { type OutboxKind, PRIORITIES, PRIORITY } from "../domain/message.ts";
import { type NoSendReason, whyNotReceive } from "../domain/reader.ts";
import { mayReceiveSql } from "./subscribers.ts";

export type { OutboxKind } from "../domain/message.ts";

export type OutboxState = "queued" | "sending" | "sent" | "failed" | "dead" | "cancelled";

export interface AlertFanOut {
  broadcastId: number;
  /** Same-language bodies: each reader gets the one in their language. */
  bodies: { fr: string; en: string };
  notBefore: Date;
  now: Date;
}

export interface ArticleFanOut extends AlertFanOut {
  articleId: number;
  /** The local day `[start, end)` of `notBefore`, and the cap of alerts per reader in it. */
  day: { start: Date; end: Date };
  cap: number;
}

/** Why a queued alert or digest was cancelled at claim time (kept in last_error). */
const NO_SEND_TEXT: Record<NoSendReason | "unknown", string> = {
  unknown: "lecteur inconnu ou effacé",
  stopped: "le lecteur a écrit stop",
  "not-subscribed": "le lecteur n'est pas abonné",
  unreachable: "numéro injoignable",
};

const ACTIVE = mayReceiveSql("s");
/** Readers (by id range) per statement of an article's fan-out: see `#articleAlerts`. */
const FAN_OUT_READERS = 5_000;
const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export interface NewOutboxRow {
  kind: OutboxKind;
  recipient: string;
  body: string;
  articleId?: number | null;
  broadcastId?: number | null;
  /** Not before this time (quiet hours, schedules). Default: now. */
  notBefore?: Date;
  /** The same key is never queued twice (e.g. `alert:<chat>:<article>`). */
  dedupeKey?: string | null;
}

/** A row as the dispatcher sees it. */
export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  priority: number;
  recipient: string;
  articleId: number | null;
  broadcastId: number | null;
  body: string;
  state: OutboxState;
  attempts: number;
  notBefore: Date;
  lastError: string | null;
  sentAt: Date | null;
  transportId: string | null;
  dedupeKey: string | null;
  createdAt: Date;
}

interface RawRow {
  id: number;
  kind: OutboxKind;
  priority: number;
  recipient: string;
  article_id: number | null;
  broadcast_id: number | null;
  body: string;
  state: OutboxState;
  attempts: number;
  not_before: number;
  last_error: string | null;
  sent_at: number | null;
  transport_id: string | null;
  dedupe_key: string | null;
  created_at: number;
}

/** A due row the dispatcher may claim: just enough to choose without reading bodies. */
export interface Candidate {
  id: number;
  kind: OutboxKind;
  recipient: string;
  notBefore: number;
}

/** What `claim` decided for one candidate. */
export type ClaimOutcome =
  | { claimed: OutboxRow }
  | { cancelled: number; reason: string }
  | { lost: number };

/** Counts for one local day `[from, to)` (the newsroom's day, computed by the caller). */
export interface DayCounts {
  queued: number;
  sent: number;
  failed: number;
  dead: number;
  cancelled: number;
}

/** How rows left in `sending` by a crash were settled at start-up. */
export interface SettleReport {
  requeued: number[];
}

function toRow(r: RawRow): OutboxRow {
  return {
    id: r.id,
    kind: r.kind,
    priority: r.priority,
    recipient: r.recipient,
    articleId: r.article_id,
    broadcastId: r.broadcast_id,
    body: r.body,
    state: r.state,
    attempts: r.attempts,
    notBefore: new Date(r.not_before),
    lastError: r.last_error,
    sentAt: r.sent_at === null ? null : new Date(r.sent_at),
    transportId: r.transport_id,
    dedupeKey: r.dedupe_key,
    createdAt: new Date(r.created_at),
  };
}

/** The reason written on a row that a crash interrupted (README: crash policy). */
export const INTERRUPTED =
  "interrompu pendant l'envoi (arrêt brutal) : renvoyé une fois, le destinataire a pu le recevoir deux fois";

/** Written on alerts and digests moved to the next day by the cap on long-silent readers. */
export const POSTPONED_COLD =
  "reporté au lendemain : plafond du jour atteint pour les premiers messages aux lecteurs silencieux depuis longtemps";

/** The outbox table: every message the bot will send is a row here first. */
export class OutboxRepo {
  readonly #db: Database;
  readonly #listeners = new Set<() => void>();
  /** One statement per state (the state written in the SQL): firstDue reads both at once. */
  readonly #firstDue: Record<"queued" | "failed", Statement<[number, number], Candidate>>;
  readonly #take: Statement<[{ id: number; now: number }]>;
  readonly #get: Statement<[number], RawRow>;
  readonly #recipientState: Statement<
    [string],
    { stopped_at: number | null; opted_in_at: number | null; unreachable_at: number | null }
  >;
  readonly #setCancelled: Statement<[{ id: number; now: number; reason: string }]>;
  readonly #nextDueAll: Statement<[], Record<string, number | null>>;
  readonly #insert: Statement<[Record<string, string | number | null>]>;
  readonly #sent: Statement<[{ id: number; now: number; transportId: string | null }]>;
  readonly #failed: Statement<[{ id: number; now: number; error: string; retryAt: number }]>;
  readonly #release: Statement<[{ id: number; now: number; reason: string }]>;
  readonly #dead: Statement<[{ id: number; now: number; reason: string }]>;
  readonly #claim: (id: number, now: Date, before?: () => void) => ClaimOutcome;
  readonly #articleAlerts: Statement;
  readonly #lastReaderId: Statement<[], number | null>;
  readonly #queueArticleAlerts: (params: Record<string, number | string>) => number;
  readonly #breaking: Statement;

  /** `fanOutReaders`: readers per statement of an article's fan-out (tests make it small). */
  constructor(db: Database, options: { fanOutReaders?: number } = {}) {
    this.#db = db;
    const fanOutReaders = options.fanOutReaders ?? FAN_OUT_READERS;
    // One priority and one state at a time: each query is a pure range of the outbox_ready
    // index, so claiming stays cheap with 100,000 rows waiting. Read lazily and left early, so
    // no LIMIT: with a bound LIMIT the first row costs ~10 µs instead of ~2 (measured), and the
    // dispatcher runs this before every send.
    const firstDue = (state: string) =>
      db.prepare<[number, number], Candidate>(
        `SELECT id, kind, recipient, not_before AS notBefore FROM outbox
         WHERE state = '${state}' AND priority = ? AND not_before <= ?
         ORDER BY not_before, id`,
      );
    this.#firstDue = { queued: firstDue("queued"), failed: firstDue("failed") };
    this.#take = db.prepare(
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = @now
       WHERE id = @id AND state IN ('queued', 'failed')`,
    );
    this.#get = db.prepare("SELECT * FROM outbox WHERE id = ?");
    this.#recipientState = db.prepare(
      "SELECT stopped_at, opted_in_at, unreachable_at FROM subscribers WHERE chat_id = ?",
    );
    this.#setCancelled = db.prepare(
      `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
       WHERE id = @id AND state IN ('queued', 'failed')`,
    );
    // The dispatcher asks this before every send: one statement, two min() lookups on the
    // outbox_ready index per priority, instead of one call per priority and state.
    this.#nextDueAll = db.prepare(
      `SELECT ${PRIORITIES.flatMap((p) =>
        ["queued", "failed"].map(
          (state) =>
            `(SELECT min(not_before) FROM outbox WHERE state = '${state}' AND priority = ${p}) AS ${state[0]}${p}`,
        ),
      ).join(", ")}`,
    );
    this.#insert = db.prepare(
      `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
         not_before, dedupe_key, created_at, updated_at)
       VALUES (@kind, @priority, @recipient, @articleId, @broadcastId, @body, @notBefore,
         @dedupeKey, @now, @now)`,
    );
    this.#sent = db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = @now, transport_id = @transportId,
         updated_at = @now WHERE id = @id`,
    );
    this.#failed = db.prepare(
      `UPDATE outbox SET state = 'failed', last_error = @error, not_before = @retryAt,
         updated_at = @now WHERE id = @id`,
    );
    this.#release = db.prepare(
      `UPDATE outbox SET state = 'queued', attempts = max(attempts - 1, 0), last_error = @reason,
         updated_at = @now WHERE id = @id AND state = 'sending'`,
    );
    this.#dead = db.prepare(
      "UPDATE outbox SET state = 'dead', last_error = @reason, updated_at = @now WHERE id = @id",
    );
    // Built once: a transaction function per call would cost more than the claim itself.
    this.#claim = db.transaction((id: number, now: Date, before?: () => void): ClaimOutcome => {
      before?.();
      const row = this.#get.get(id);
      if (!row || (row.state !== "queued" && row.state !== "failed")) return { lost: id };
      if (row.kind === "alert" || row.kind === "digest") {
        const reader = this.#recipientState.get(row.recipient);
        const why = reader
          ? whyNotReceive({
              optedInAt: date(reader.opted_in_at),
              stoppedAt: date(reader.stopped_at),
              unreachableAt: date(reader.unreachable_at),
            })
          : "unknown";
        const reason = why === null ? null : NO_SEND_TEXT[why];
        if (reason !== null) {
          this.#setCancelled.run({ id, now: now.getTime(), reason });
          return { cancelled: id, reason };
        }
      }
      this.#take.run({ id, now: now.getTime() });
      return { claimed: toRow({ ...row, state: "sending", attempts: row.attempts + 1 }) };
    }).immediate;
    // One INSERT … SELECT per 5,000 readers (by id) queues the alerts of an article, in one
    // transaction. The dedupe key makes a second run (or a re-publish) queue nobody twice.
    // Batches, not one statement: the SELECT reads the outbox (the daily cap), so SQLite first
    // stores its whole result in a temporary table; for 100,000 readers that was 70 MB, 16 MB
    // of it in memory (a temporary table's page cache) on top of the store's, +33 MB of peak
    // RSS per fan-out. A batch's 5,000 rows stay within that cache; the same readers are
    // queued (each reader's count reads only their own rows, which no other batch writes).
    this.#articleAlerts = db.prepare(
      `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
         not_before, dedupe_key, created_at, updated_at)
       SELECT 'alert', ${PRIORITY.alert}, s.chat_id, @articleId, @broadcastId,
         CASE s.language WHEN 'en' THEN @bodyEn ELSE @bodyFr END,
         @notBefore, 'alert:' || s.chat_id || ':' || @articleId, @now, @now
       FROM subscribers s
       WHERE s.id > @after AND s.id <= @upto
         AND ${ACTIVE} AND s.mode = 'instant'
         AND s.id IN (SELECT f.subscriber_id FROM follows f
           WHERE f.subscriber_id > @after AND f.subscriber_id <= @upto AND f.category_key IN
             (SELECT c.category_key FROM article_categories c WHERE c.article_id = @articleId))
         AND (SELECT count(*) FROM outbox o
              WHERE o.kind = 'alert' AND o.recipient = s.chat_id
                AND o.not_before >= @dayStart AND o.not_before < @dayEnd
                AND o.state NOT IN ('dead', 'cancelled')) < @cap
       ORDER BY s.id`,
    );
    this.#lastReaderId = db.prepare<[], number | null>("SELECT max(id) FROM subscribers").pluck();
    this.#queueArticleAlerts = db.transaction((params: Record<string, number | string>) => {
      const last = this.#lastReaderId.get() ?? 0;
      let queued = 0;
      for (let after = 0; after < last; after += fanOutReaders) {
        queued += this.#articleAlerts.run({
          ...params,
          after,
          upto: after + fanOutReaders,
        }).changes;
      }
      return queued;
    });
    this.#breaking = db.prepare(
      `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
         not_before, dedupe_key, created_at, updated_at)
       SELECT 'alert', ${PRIORITY.alert}, s.chat_id, NULL, @broadcastId,
         CASE s.language WHEN 'en' THEN @bodyEn ELSE @bodyFr END,
         @notBefore, 'alert:' || s.chat_id || ':b' || @broadcastId, @now, @now
       FROM subscribers s WHERE ${ACTIVE} AND s.mode = 'instant'
       ORDER BY s.id`,
    );
  }

  /**
   * Queues one alert per reader who may receive, in instant mode, following one of the
   * article's rubrics, skipping readers at the daily cap for the day the alert goes out.
   * Returns how many were queued.
   */
  queueArticleAlerts(f: ArticleFanOut): number {
    return this.#queueArticleAlerts({
      articleId: f.articleId,
      broadcastId: f.broadcastId,
      bodyFr: f.bodies.fr,
      bodyEn: f.bodies.en,
      notBefore: f.notBefore.getTime(),
      dayStart: f.day.start.getTime(),
      dayEnd: f.day.end.getTime(),
      cap: f.cap,
      now: f.now.getTime(),
    });
  }

  /** Queues an editor's breaking alert to every instant-mode reader who may receive (no cap). */
  queueBreakingAlerts(f: AlertFanOut): number {
    return this.#breaking.run({
      broadcastId: f.broadcastId,
      bodyFr: f.bodies.fr,
      bodyEn: f.bodies.en,
      notBefore: f.notBefore.getTime(),
      now: f.now.getTime(),
    }).changes;
  }

  /** Alerts of article `articleId` queued by its other broadcasts than `broadcastId`. */
  alertsOfOtherBroadcasts(articleId: number, broadcastId: number): number {
    // An article's alerts are only ever queued by its broadcasts: reach them through the
    // broadcasts_article and outbox_broadcast indexes. Filtering the outbox on article_id
    // would read the whole table (40 ms at 100,000 rows, growing with the kept history).
    return this.#db
      .prepare(
        `SELECT count(*) FROM outbox
         WHERE broadcast_id IN (SELECT id FROM broadcasts WHERE article_id = @articleId AND id <> @id)
           AND kind = 'alert' AND article_id = @articleId`,
      )
      .pluck()
      .get({ articleId, id: broadcastId }) as number;
  }

  /** Queues a message; returns its id, or null when its dedupe key was already queued. */
  enqueue(row: NewOutboxRow, now: Date): number | null {
    const result = this.#insert.run({
      kind: row.kind,
      priority: PRIORITY[row.kind],
      recipient: row.recipient,
      articleId: row.articleId ?? null,
      broadcastId: row.broadcastId ?? null,
      body: row.body,
      notBefore: (row.notBefore ?? now).getTime(),
      dedupeKey: row.dedupeKey ?? null,
      now: now.getTime(),
    });
    if (result.changes === 0) return null;
    this.notifyEnqueued();
    return Number(result.lastInsertRowid);
  }

  /** Whether a message with this dedupe key was ever queued (and not pruned since): `enqueue` would skip it. */
  hasDedupeKey(key: string): boolean {
    return (
      this.#db
        .prepare<[string], 1>("SELECT 1 FROM outbox WHERE dedupe_key = ?")
        .pluck()
        .get(key) !== undefined
    );
  }

  /** Called after each enqueue: the dispatcher wakes up instead of polling. */
  onEnqueued(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Wakes the listeners after rows were inserted in bulk (the planner's fan-out). */
  notifyEnqueued(): void {
    for (const listener of this.#listeners) listener();
  }

  /** One row by id. */
  get(id: number): OutboxRow | null {
    const row = this.#get.get(id);
    return row ? toRow(row) : null;
  }

  /**
   * The first due row of one priority (queued, or failed with its retry time come), oldest due
   * first, that `accept` takes, looking at `limit` rows at most. Rows are read one by one and
   * only until one is taken: with 100,000 rows waiting, a send reads one row, not a page of them.
   */
  firstDue(
    priority: number,
    now: Date,
    accept: (candidate: Candidate) => boolean,
    limit = 64,
  ): Candidate | null {
    const queued = this.#firstDue.queued.iterate(priority, now.getTime());
    const failed = this.#firstDue.failed.iterate(priority, now.getTime());
    try {
      let q = queued.next();
      let f = failed.next();
      for (let seen = 0; seen < limit && !(q.done && f.done); seen++) {
        const takeQueued =
          !q.done &&
          (f.done ||
            q.value.notBefore < f.value.notBefore ||
            (q.value.notBefore === f.value.notBefore && q.value.id < f.value.id));
        const candidate = (takeQueued ? q.value : f.value) as Candidate;
        if (takeQueued) q = queued.next();
        else f = failed.next();
        if (accept(candidate)) return candidate;
      }
      return null;
    } finally {
      queued.return?.();
      failed.return?.();
    }
  }

  /** For each priority with queued or failed rows, the earliest time one becomes due. */
  nextDueByPriority(): Map<number, number> {
    const row = this.#nextDueAll.get() ?? {};
    const next = new Map<number, number>();
    for (const p of PRIORITIES) {
      const at = [row[`q${p}`], row[`f${p}`]].filter((x): x is number => typeof x === "number");
      if (at.length > 0) next.set(p, Math.min(...at));
    }
    return next;
  }

  /**
   * Claims one row for sending, in one immediate transaction: the row must still be waiting,
   * and an alert or digest whose reader has stopped (or was erased, or is unreachable) is
   * cancelled instead — a "stop" is honoured up to the last moment before sending.
   * `before` runs first in the same transaction: the dispatcher writes the previous send's
   * outcome there, so each message costs one commit, not two (it must use this database).
   */
  claim(id: number, now: Date, before?: () => void): ClaimOutcome {
    return this.#claim(id, now, before);
  }

  /** The transport accepted the message. */
  markSent(id: number, now: Date, transportId: string | null): void {
    this.#sent.run({ id, now: now.getTime(), transportId });
  }

  /** A transient failure: tried again at `retryAt`. */
  markFailed(id: number, now: Date, error: string, retryAt: Date): void {
    this.#failed.run({ id, now: now.getTime(), error, retryAt: retryAt.getTime() });
  }

  /** Back to the queue without charging the attempt (the transport went down meanwhile). */
  release(id: number, now: Date, reason: string): void {
    this.#release.run({ id, now: now.getTime(), reason });
  }

  /** Given up: never sent, with the reason an operator can read. */
  markDead(id: number, now: Date, reason: string): void {
    this.#dead.run({ id, now: now.getTime(), reason });
  }

  /** Cancels every waiting row of a broadcast; returns how many. */
  cancelBroadcast(broadcastId: number, now: Date, reason: string): number {
    return this.#db
      .prepare(
        `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
         WHERE broadcast_id = @broadcastId AND state IN ('queued', 'failed')`,
      )
      .run({ broadcastId, now: now.getTime(), reason }).changes;
  }

  /** Cancels waiting alerts and digests to one reader (stopped, erased or unreachable). */
  cancelForRecipient(recipient: string, now: Date, reason: string): number {
    return this.#db
      .prepare(
        `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
         WHERE recipient = @recipient AND kind IN ('alert', 'digest')
           AND state IN ('queued', 'failed')`,
      )
      .run({ recipient, now: now.getTime(), reason }).changes;
  }

  /**
   * Crash policy, run once at start-up before any claim: a row still in `sending` was in flight
   * when the process died — it may or may not have reached WhatsApp. It is queued again (sent at
   * most twice, never lost), and marked so an operator can see it. With one dispatcher there is
   * at most one such row.
   */
  settleInterrupted(now: Date): SettleReport {
    return this.#db
      .transaction(() => {
        const ids = this.#db
          .prepare("SELECT id FROM outbox WHERE state = 'sending' ORDER BY id")
          .pluck()
          .all() as number[];
        this.#db
          .prepare(
            `UPDATE outbox SET state = 'queued', last_error = @reason, updated_at = @now
             WHERE state = 'sending'`,
          )
          .run({ reason: INTERRUPTED, now: now.getTime() });
        return { requeued: ids };
      })
      .immediate();
  }

  /** Sending figures for one local day `[from, to)`; `queued` counts everything still waiting. */
  dayCounts(from: Date, to: Date): DayCounts {
    const range = { from: from.getTime(), to: to.getTime() };
    const waiting = this.#db
      .prepare(
        `SELECT
           (SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')) AS queued,
           (SELECT count(*) FROM outbox WHERE state = 'failed') AS failed`,
      )
      .get() as { queued: number; failed: number };
    const sent = this.#db
      .prepare(
        "SELECT count(*) FROM outbox WHERE sent_at >= @from AND sent_at < @to AND state = 'sent'",
      )
      .pluck()
      .get(range) as number;
    const ended = this.#db
      .prepare(
        `SELECT
           coalesce(sum(state = 'dead'), 0) AS dead,
           coalesce(sum(state = 'cancelled'), 0) AS cancelled
         FROM outbox
         WHERE state IN ('dead', 'cancelled') AND updated_at >= @from AND updated_at < @to`,
      )
      .get(range) as { dead: number; cancelled: number };
    return { queued: waiting.queued, sent, failed: waiting.failed, ...ended };
  }

  /** Rows by state and kind, the whole table: what /metrics shows (one scan per scrape). */
  countsByStateAndKind(): { state: string; kind: OutboxKind; count: number }[] {
    return this.#db
      .prepare("SELECT state, kind, count(*) AS count FROM outbox GROUP BY state, kind")
      .all() as { state: string; kind: OutboxKind; count: number }[];
  }

  /** For `health`: what waits, what retries, what died since `since`, and the last send. */
  healthCounts(since: Date): {
    queued: number;
    retrying: number;
    dead: number;
    lastSentAt: Date | null;
  } {
    const row = this.#db
      .prepare(
        `SELECT
           (SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')) AS queued,
           (SELECT count(*) FROM outbox WHERE state = 'failed') AS retrying,
           (SELECT count(*) FROM outbox WHERE state = 'dead' AND updated_at >= @since) AS dead,
           (SELECT max(sent_at) FROM outbox WHERE sent_at IS NOT NULL) AS lastSentAt`,
      )
      .get({ since: since.getTime() }) as {
      queued: number;
      retrying: number;
      dead: number;
      lastSentAt: number | null;
    };
    return { ...row, lastSentAt: row.lastSentAt === null ? null : new Date(row.lastSentAt) };
  }

  /** Waiting rows of these priorities due by `by`: the queue a broadcast waits behind. */
  waitingDueBy(priorities: readonly number[], by: Date): number {
    const count = this.#db.prepare(
      `SELECT (SELECT count(*) FROM outbox
               WHERE state = 'queued' AND priority = @p AND not_before <= @by)
            + (SELECT count(*) FROM outbox
               WHERE state = 'failed' AND priority = @p AND not_before <= @by)`,
    );
    let total = 0;
    for (const p of priorities) total += count.pluck().get({ p, by: by.getTime() }) as number;
    return total;
  }

  /**
   * Moves waiting rows to `until` (a daily cap reached: they go the next day, never lost), with
   * the reason an operator reads in last_error; returns how many moved.
   */
  postpone(ids: readonly number[], until: Date, now: Date, reason: string): number {
    const move = this.#db.prepare(
      `UPDATE outbox SET not_before = @until, last_error = @reason, updated_at = @now
       WHERE id = @id AND state IN ('queued', 'failed')`,
    );
    return this.#db.transaction(() => {
      let moved = 0;
      for (const id of ids) {
        moved += move.run({ id, until: until.getTime(), now: now.getTime(), reason }).changes;
      }
      return moved;
    })();
  }

  /** Waiting rows whose last_error is `reason` (rows postponed by a daily cap). */
  waitingWith(reason: string): number {
    return this.#db
      .prepare("SELECT count(*) FROM outbox WHERE state IN ('queued', 'failed') AND last_error = ?")
      .pluck()
      .get(reason) as number;
  }

  /** Deletes sent, dead and cancelled rows older than `before`; returns how many. */
  prune(before: Date): number {
    return this.#db
      .prepare(`DELETE FROM outbox WHERE state IN ('sent', 'dead', 'cancelled') AND updated_at < ?`)
      .run(before.getTime()).changes;
  }

  /** The latest Channel posts (recipient 'channel', through outbox_recipient), newest first. */
  channelPosts(limit: number): {
    id: number;
    body: string;
    state: OutboxState;
    broadcastId: number | null;
    createdAt: Date;
    sentAt: Date | null;
  }[] {
    return this.#db
      .prepare<
        [number],
        {
          id: number;
          body: string;
          state: OutboxState;
          broadcast_id: number | null;
          created_at: number;
          sent_at: number | null;
        }
      >(
        `SELECT id, body, state, broadcast_id, created_at, sent_at FROM outbox
         WHERE recipient = 'channel' ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(limit)
      .map((r) => ({
        id: r.id,
        body: r.body,
        state: r.state,
        broadcastId: r.broadcast_id,
        createdAt: new Date(r.created_at),
        sentAt: r.sent_at === null ? null : new Date(r.sent_at),
      }));
  }
}
