import type { Database, Statement } from "better-sqlite3";
import {
  TIP_TEXT_MAX,
  type Tip,
  type TipLanguage,
  type TipSender,
  type TipStatus,
} from "../domain/tip.ts";
import { normalizeTip, tipFingerprint } from "../lib/tip-key.ts";

/** A reader's message taken as a tip. */
export interface TipReceived {
  chatId: string;
  text: string;
  language: TipLanguage;
  forwarded: boolean;
  at: Date;
}

/** What recording a message did: a new tip, or one more copy of a known one. */
export interface RecordedTip {
  tip: Tip;
  /** First time this rumour was seen. */
  isNew: boolean;
  /** First time this reader sent it (else they sent it again). */
  newSender: boolean;
  /** The tip was closed and came back: it is open again. */
  reopened: boolean;
}

export interface TipQuery {
  /** Default "open"; "all" for every status. */
  status?: TipStatus | "all";
  /** "recent" (last received first, the default) or "count" (most frequent first). */
  order?: "recent" | "count";
  /** Default 20, at most 200. */
  limit?: number;
  offset?: number;
}

interface TipRow {
  id: number;
  fingerprint: string;
  text: string;
  normalized: string;
  count: number;
  readers: number;
  forwarded: number;
  first_at: number;
  last_at: number;
  status: TipStatus;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  closed_by: string | null;
  closed_at: number | null;
}

interface SenderRow {
  tip_id: number;
  chat_id: string;
  language: string;
  text: string;
  forwarded: number;
  count: number;
  first_at: number;
  last_at: number;
  answered_at: number | null;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toTip(r: TipRow): Tip {
  return {
    id: r.id,
    text: r.text,
    normalized: r.normalized,
    fingerprint: r.fingerprint,
    count: r.count,
    readers: r.readers,
    forwarded: r.forwarded === 1,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
    status: r.status,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: date(r.answered_at),
    closedBy: r.closed_by,
    closedAt: date(r.closed_at),
  };
}

function toSender(r: SenderRow): TipSender {
  return {
    tipId: r.tip_id,
    chatId: r.chat_id,
    language: r.language === "en" ? "en" : "fr",
    text: r.text,
    forwarded: r.forwarded === 1,
    count: r.count,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
    answeredAt: date(r.answered_at),
  };
}

/**
 * The tips and tip_senders tables: readers' rumours and questions, near-identical ones counted
 * as one (src/lib/tip-key.ts). Plain queries; who may answer and what is sent is the desk's.
 */
export class TipsRepo {
  readonly #db: Database;
  readonly #byFingerprint: Statement<[string], TipRow>;
  readonly #get: Statement<[number], TipRow>;
  readonly #insert: Statement<
    [{ fingerprint: string; text: string; normalized: string; forwarded: number; at: number }]
  >;
  readonly #bump: Statement<
    [{ id: number; readers: number; forwarded: number; at: number; reopen: number }]
  >;
  readonly #sender: Statement<[number, string], SenderRow>;
  readonly #insertSender: Statement<
    [
      {
        tip: number;
        chat: string;
        language: string;
        text: string;
        forwarded: number;
        at: number;
      },
    ]
  >;
  readonly #bumpSender: Statement<
    [{ tip: number; chat: string; language: string; forwarded: number; at: number }]
  >;
  readonly #senders: Statement<[number], SenderRow>;

  constructor(db: Database) {
    this.#db = db;
    this.#byFingerprint = db.prepare("SELECT * FROM tips WHERE fingerprint = ?");
    this.#get = db.prepare("SELECT * FROM tips WHERE id = ?");
    this.#insert = db.prepare(
      `INSERT INTO tips (fingerprint, text, normalized, forwarded, first_at, last_at)
       VALUES (@fingerprint, @text, @normalized, @forwarded, @at, @at)`,
    );
    this.#bump = db.prepare(
      `UPDATE tips SET count = count + 1, readers = readers + @readers,
         forwarded = MAX(forwarded, @forwarded), last_at = MAX(last_at, @at),
         status = CASE WHEN @reopen = 1 THEN 'open' ELSE status END,
         closed_by = CASE WHEN @reopen = 1 THEN NULL ELSE closed_by END,
         closed_at = CASE WHEN @reopen = 1 THEN NULL ELSE closed_at END
       WHERE id = @id`,
    );
    this.#sender = db.prepare("SELECT * FROM tip_senders WHERE tip_id = ? AND chat_id = ?");
    this.#insertSender = db.prepare(
      `INSERT INTO tip_senders (tip_id, chat_id, language, text, forwarded, first_at, last_at)
       VALUES (@tip, @chat, @language, @text, @forwarded, @at, @at)`,
    );
    this.#bumpSender = db.prepare(
      `UPDATE tip_senders SET count = count + 1, language = @language,
         forwarded = MAX(forwarded, @forwarded), last_at = MAX(last_at, @at)
       WHERE tip_id = @tip AND chat_id = @chat`,
    );
    this.#senders = db.prepare(
      "SELECT * FROM tip_senders WHERE tip_id = ? ORDER BY first_at, chat_id",
    );
  }

  /**
   * Records a reader's tip: a new tip, or one more copy of the near-identical one already
   * there (a closed one is reopened: the rumour came back). One transaction.
   */
  record(received: TipReceived): RecordedTip {
    const text = received.text.trim().slice(0, TIP_TEXT_MAX);
    const fingerprint = tipFingerprint(text);
    const at = received.at.getTime();
    const forwarded = received.forwarded ? 1 : 0;
    return this.#db.transaction((): RecordedTip => {
      const known = this.#byFingerprint.get(fingerprint);
      let id: number;
      let newSender = true;
      let reopened = false;
      if (!known) {
        id = Number(
          this.#insert.run({ fingerprint, text, normalized: normalizeTip(text), forwarded, at })
            .lastInsertRowid,
        );
      } else {
        id = known.id;
        newSender = this.#sender.get(id, received.chatId) === undefined;
        reopened = known.status === "closed";
        this.#bump.run({ id, readers: newSender ? 1 : 0, forwarded, at, reopen: reopened ? 1 : 0 });
      }
      const sender = {
        tip: id,
        chat: received.chatId,
        language: received.language,
        forwarded,
        at,
      };
      if (newSender) this.#insertSender.run({ ...sender, text });
      else this.#bumpSender.run(sender);
      const tip = this.get(id);
      if (!tip) throw new Error(`tip ${id} vanished inside its own transaction`);
      return { tip, isNew: !known, newSender, reopened };
    })();
  }

  /** One tip by its number, or null. */
  get(id: number): Tip | null {
    if (!Number.isSafeInteger(id)) return null;
    const row = this.#get.get(id);
    return row ? toTip(row) : null;
  }

  /** Tips of a status (open by default), newest or most frequent first, a page at a time. */
  list(query: TipQuery = {}): Tip[] {
    const status = query.status ?? "open";
    const limit = Math.max(1, Math.min(200, Math.trunc(query.limit ?? 20)));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const order =
      query.order === "count" ? "count DESC, last_at DESC, id DESC" : "last_at DESC, id DESC";
    const where = status === "all" ? "" : "WHERE status = @status";
    return this.#db
      .prepare<{ status: string; limit: number; offset: number }, TipRow>(
        `SELECT * FROM tips ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      )
      .all({ status, limit, offset })
      .map(toTip);
  }

  /** How many tips of each status (the desk's badge). */
  countByStatus(): Record<TipStatus, number> {
    const counts: Record<TipStatus, number> = { open: 0, answered: 0, closed: 0 };
    const rows = this.#db
      .prepare<[], { status: TipStatus; n: number }>(
        "SELECT status, COUNT(*) AS n FROM tips GROUP BY status",
      )
      .all();
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  /** The readers who sent a tip, first one first (their chat ids: mask them before showing). */
  senders(tipId: number): TipSender[] {
    return this.#senders.all(tipId).map(toSender);
  }

  /**
   * Stores the editor's answer (answering again replaces it) and returns the readers who sent
   * the tip, or null when there is no such tip. Who is sent the answer, and when, is the
   * caller's: mark each with `markSenderAnswered` once it is queued.
   */
  answer(id: number, text: string, editor: string, at: Date): TipSender[] | null {
    return this.#db.transaction((): TipSender[] | null => {
      if (!this.get(id)) return null;
      this.#db
        .prepare(
          `UPDATE tips SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?,
             closed_by = NULL, closed_at = NULL WHERE id = ?`,
        )
        .run(text, editor, at.getTime(), id);
      // A replaced answer goes again to everyone.
      this.#db.prepare("UPDATE tip_senders SET answered_at = NULL WHERE tip_id = ?").run(id);
      return this.senders(id);
    })();
  }

  /**
   * Answered tips this reader sent and has not been sent the answer of yet (they wrote more than
   * 24 hours before it: it waits for their next message), oldest first.
   */
  pendingAnswers(chatId: string): { tip: Tip; sender: TipSender }[] {
    return this.#db
      .prepare<
        [string],
        TipRow & {
          s_text: string;
          s_language: string;
          s_count: number;
          s_first: number;
          s_last: number;
          s_forwarded: number;
        }
      >(
        `SELECT t.*, s.text AS s_text, s.language AS s_language, s.count AS s_count,
           s.first_at AS s_first, s.last_at AS s_last, s.forwarded AS s_forwarded
         FROM tip_senders s JOIN tips t ON t.id = s.tip_id
         WHERE s.chat_id = ? AND s.answered_at IS NULL AND t.status = 'answered'
         ORDER BY t.answered_at`,
      )
      .all(chatId)
      .map((r) => ({
        tip: toTip(r),
        sender: toSender({
          tip_id: r.id,
          chat_id: chatId,
          language: r.s_language,
          text: r.s_text,
          forwarded: r.s_forwarded,
          count: r.s_count,
          first_at: r.s_first,
          last_at: r.s_last,
          answered_at: null,
        }),
      }));
  }

  /** Marks one reader as answered (a reader who sent an already answered tip got the answer). */
  markSenderAnswered(id: number, chatId: string, at: Date): void {
    this.#db
      .prepare("UPDATE tip_senders SET answered_at = ? WHERE tip_id = ? AND chat_id = ?")
      .run(at.getTime(), id, chatId);
  }

  /** Sets a tip aside without answering it; null when there is no such tip. */
  close(id: number, editor: string, at: Date): Tip | null {
    const changed = this.#db
      .prepare("UPDATE tips SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?")
      .run(editor, at.getTime(), id).changes;
    return changed > 0 ? this.get(id) : null;
  }

  /**
   * Forgets a reader (« supprimer mes données »): their rows go, the tips they sent count one
   * reader less, and a tip whose wording was theirs takes another reader's, or goes when nobody
   * else sent it. Returns the number of tips they had sent.
   */
  eraseReader(chatId: string): number {
    return this.#db.transaction((): number => {
      const rows = this.#db
        .prepare<[string], SenderRow>("SELECT * FROM tip_senders WHERE chat_id = ?")
        .all(chatId);
      for (const r of rows) {
        this.#db
          .prepare("DELETE FROM tip_senders WHERE tip_id = ? AND chat_id = ?")
          .run(r.tip_id, chatId);
        const other = this.#db
          .prepare<[number], { text: string }>(
            "SELECT text FROM tip_senders WHERE tip_id = ? ORDER BY first_at LIMIT 1",
          )
          .get(r.tip_id);
        if (!other) {
          this.#db.prepare("DELETE FROM tips WHERE id = ?").run(r.tip_id);
          continue;
        }
        this.#db
          .prepare(
            `UPDATE tips SET readers = MAX(0, readers - 1), count = MAX(1, count - ?),
               text = ?, normalized = ? WHERE id = ?`,
          )
          .run(r.count, other.text, normalizeTip(other.text), r.tip_id);
      }
      return rows.length;
    })();
  }
}
