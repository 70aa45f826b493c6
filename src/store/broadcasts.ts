import type { Database, Statement } from "better-sqlite3";
import type { ChannelState } from "../domain/broadcast.ts";

export type BroadcastKind = "article" | "alert";
export type BroadcastState = "scheduled" | "running" | "done" | "cancelled";

export interface Broadcast {
  id: number;
  kind: BroadcastKind;
  articleId: number | null;
  label: string;
  text: string | null;
  createdBy: string;
  createdAt: Date;
  scheduledFor: Date | null;
  startedAt: Date | null;
  state: BroadcastState;
  channel: boolean;
  recipients: number;
  capped: number;
  finishedAt: Date | null;
  cancelledBy: string | null;
}

interface RawBroadcast {
  id: number;
  kind: BroadcastKind;
  article_id: number | null;
  label: string;
  text: string | null;
  created_by: string;
  created_at: number;
  scheduled_for: number | null;
  started_at: number | null;
  state: BroadcastState;
  channel: number;
  recipients: number;
  capped: number;
  finished_at: number | null;
  cancelled_by: string | null;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toBroadcast(r: RawBroadcast): Broadcast {
  return {
    id: r.id,
    kind: r.kind,
    articleId: r.article_id,
    label: r.label,
    text: r.text,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    scheduledFor: date(r.scheduled_for),
    startedAt: date(r.started_at),
    state: r.state,
    channel: r.channel === 1,
    recipients: r.recipients,
    capped: r.capped,
    finishedAt: date(r.finished_at),
    cancelledBy: r.cancelled_by,
  };
}

/** Where a broadcast's messages are: counted from its outbox rows. */
export interface BroadcastCounts {
  total: number;
  waiting: number;
  sent: number;
  dead: number;
  cancelled: number;
  /** The earliest and latest `not_before` of its queued or failed rows (ms), or null. */
  firstNotBefore: number | null;
  lastNotBefore: number | null;
  /**
   * Its Channel post, apart (included in the figures above): receipts count readers and the
   * Channel separately, and so do progress lines, on the phone and in the CLI.
   */
  channel: ChannelState;
}

export interface NewBroadcast {
  kind: BroadcastKind;
  articleId: number | null;
  label: string;
  text?: string | null;
  createdBy: string;
  scheduledFor: Date | null;
}

/** The broadcasts table: what editors (and the planner) sent or scheduled, and its state. */
export class BroadcastsRepo {
  readonly #db: Database;
  readonly #get: Statement<[number], RawBroadcast>;
  readonly #byState: Statement<[number], { state: string; channel: number; n: number }>;
  readonly #edge: Statement<
    [{ id: number }],
    { q1: number | null; f1: number | null; q2: number | null; f2: number | null }
  >;

  constructor(db: Database) {
    this.#db = db;
    this.#get = db.prepare("SELECT * FROM broadcasts WHERE id = ?");
    this.#byState = db.prepare(
      `SELECT state, recipient = 'channel' AS channel, count(*) AS n FROM outbox
       WHERE broadcast_id = ? GROUP BY state, recipient = 'channel'`,
    );
    // One state at a time: each is a min/max lookup on the outbox_broadcast index.
    this.#edge = db.prepare(
      `SELECT
         (SELECT min(not_before) FROM outbox WHERE broadcast_id = @id AND state = 'queued') AS q1,
         (SELECT min(not_before) FROM outbox WHERE broadcast_id = @id AND state = 'failed') AS f1,
         (SELECT max(not_before) FROM outbox WHERE broadcast_id = @id AND state = 'queued') AS q2,
         (SELECT max(not_before) FROM outbox WHERE broadcast_id = @id AND state = 'failed') AS f2`,
    );
  }

  /** Records a new broadcast (state `scheduled` until its messages are queued). */
  create(b: NewBroadcast, now: Date): Broadcast {
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO broadcasts (kind, article_id, label, text, created_by, created_at,
             scheduled_for, state)
           VALUES (@kind, @articleId, @label, @text, @createdBy, @now, @scheduledFor, 'scheduled')`,
        )
        .run({
          kind: b.kind,
          articleId: b.articleId,
          label: b.label,
          text: b.text ?? null,
          createdBy: b.createdBy,
          now: now.getTime(),
          scheduledFor: b.scheduledFor?.getTime() ?? null,
        }).lastInsertRowid,
    );
    return this.get(id) as Broadcast;
  }

  /** One broadcast by id. */
  get(id: number): Broadcast | null {
    const row = this.#get.get(id);
    return row ? toBroadcast(row) : null;
  }

  /** Its messages were queued: now it runs. */
  markStarted(
    id: number,
    now: Date,
    queued: { channel: boolean; recipients: number; capped: number },
  ): void {
    this.#db
      .prepare(
        `UPDATE broadcasts SET state = 'running', started_at = @now, channel = @channel,
           recipients = @recipients, capped = @capped WHERE id = @id`,
      )
      .run({
        id,
        now: now.getTime(),
        channel: queued.channel ? 1 : 0,
        recipients: queued.recipients,
        capped: queued.capped,
      });
  }

  /** Cancelled by an editor; returns whether it was still scheduled or running. */
  markCancelled(id: number, now: Date, by: string): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE broadcasts SET state = 'cancelled', finished_at = @now, cancelled_by = @by
           WHERE id = @id AND state IN ('scheduled', 'running')`,
        )
        .run({ id, now: now.getTime(), by }).changes > 0
    );
  }

  /** Scheduled broadcasts whose time has come. */
  due(now: Date): Broadcast[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM broadcasts WHERE state = 'scheduled' AND coalesce(scheduled_for, 0) <= ?
           ORDER BY coalesce(scheduled_for, 0), id`,
        )
        .all(now.getTime()) as RawBroadcast[]
    ).map(toBroadcast);
  }

  /** Scheduled (not yet started) broadcasts, soonest first. */
  scheduled(): Broadcast[] {
    return (
      this.#db
        .prepare(
          "SELECT * FROM broadcasts WHERE state = 'scheduled' ORDER BY coalesce(scheduled_for, 0), id",
        )
        .all() as RawBroadcast[]
    ).map(toBroadcast);
  }

  /** Running broadcasts; those with nothing left waiting are marked done on the way. */
  running(now: Date): Broadcast[] {
    const rows = (
      this.#db
        .prepare("SELECT * FROM broadcasts WHERE state = 'running' ORDER BY id")
        .all() as RawBroadcast[]
    ).map(toBroadcast);
    const finish = this.#db.prepare(
      "UPDATE broadcasts SET state = 'done', finished_at = ? WHERE id = ? AND state = 'running'",
    );
    return rows.filter((b) => {
      if (this.counts(b.id).waiting > 0) return true;
      finish.run(now.getTime(), b.id);
      return false;
    });
  }

  /** Whether an article has a broadcast waiting for its time (the planner leaves it alone). */
  hasScheduledFor(articleId: number): boolean {
    return (
      this.#db
        .prepare("SELECT 1 FROM broadcasts WHERE article_id = ? AND state = 'scheduled' LIMIT 1")
        .get(articleId) !== undefined
    );
  }

  /** Where its messages are. */
  counts(id: number): BroadcastCounts {
    const c: BroadcastCounts = {
      total: 0,
      waiting: 0,
      sent: 0,
      dead: 0,
      cancelled: 0,
      firstNotBefore: null,
      lastNotBefore: null,
      channel: "none",
    };
    for (const { state, channel, n } of this.#byState.all(id)) {
      if (channel === 1) {
        c.channel =
          state === "sent"
            ? "sent"
            : state === "dead"
              ? "failed"
              : state === "cancelled"
                ? "cancelled"
                : "waiting";
      }
      c.total += n;
      if (state === "sent") c.sent += n;
      else if (state === "dead") c.dead += n;
      else if (state === "cancelled") c.cancelled += n;
      else c.waiting += n;
    }
    if (c.waiting > 0) {
      const e = this.#edge.get({ id });
      const firsts = [e?.q1, e?.f1].filter((x): x is number => typeof x === "number");
      const lasts = [e?.q2, e?.f2].filter((x): x is number => typeof x === "number");
      c.firstNotBefore = firsts.length > 0 ? Math.min(...firsts) : null;
      c.lastNotBefore = lasts.length > 0 ? Math.max(...lasts) : null;
    }
    return c;
  }

  /**
   * For each of `articleIds` that has one: "sent" when a broadcast of it started, else
   * "scheduled" when one waits for its time.
   */
  articleStates(articleIds: readonly number[]): Map<number, "scheduled" | "sent"> {
    const states = new Map<number, "scheduled" | "sent">();
    if (articleIds.length === 0) return states;
    const rows = this.#db
      .prepare<unknown[], { article_id: number; scheduled: number; started: number }>(
        `SELECT article_id, max(state = 'scheduled') AS scheduled,
           max(started_at IS NOT NULL) AS started
         FROM broadcasts WHERE article_id IN (${articleIds.map(() => "?").join(",")})
         GROUP BY article_id`,
      )
      .all(...articleIds);
    for (const r of rows) {
      // Already sent says more than a schedule left behind (a forced /publier … maintenant).
      if (r.started) states.set(r.article_id, "sent");
      else if (r.scheduled) states.set(r.article_id, "scheduled");
    }
    return states;
  }

  /** The most recent broadcasts, newest first (for the CLI). */
  recent(limit: number): Broadcast[] {
    return (
      this.#db
        .prepare("SELECT * FROM broadcasts ORDER BY id DESC LIMIT ?")
        .all(limit) as RawBroadcast[]
    ).map(toBroadcast);
  }
}
