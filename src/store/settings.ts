import type { Database, Statement } from "better-sqlite3";

/** Where the process that sends is, as other processes (the CLI) can see it. */
export interface DispatcherHeartbeat {
  pid: number;
  at: Date;
  transportUp: boolean;
}

/**
 * The settings table: small switches that must survive a restart and be seen by every
 * process sharing the database (the bot and the CLI) — the pause flag first.
 */
export class SettingsRepo {
  readonly #get: Statement<[string], { value: string; updated_at: number }>;
  readonly #set: Statement<[{ key: string; value: string; now: number }]>;
  readonly #delete: Statement<[string]>;
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    this.#get = db.prepare("SELECT value, updated_at FROM settings WHERE key = ?");
    this.#set = db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @now)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#delete = db.prepare("DELETE FROM settings WHERE key = ?");
  }

  /** A raw value, or null. */
  get(key: string): string | null {
    return this.#get.get(key)?.value ?? null;
  }

  /** Sets a raw value. */
  set(key: string, value: string, now: Date): void {
    this.#set.run({ key, value, now: now.getTime() });
  }

  /** Removes a value. */
  delete(key: string): void {
    this.#delete.run(key);
  }

  /** Whether all sending is paused (the editors' kill switch). */
  isPaused(): boolean {
    return this.#get.get("paused") !== undefined;
  }

  /** Pauses (by whom) or resumes all sending, at once and for every process. */
  setPaused(paused: boolean, by: string, now: Date): void {
    if (paused) this.set("paused", by, now);
    else this.delete("paused");
  }

  /** Written by the running dispatcher every few seconds. */
  writeHeartbeat(beat: DispatcherHeartbeat): void {
    this.set(
      "dispatcher",
      JSON.stringify({ pid: beat.pid, transportUp: beat.transportUp }),
      beat.at,
    );
  }

  /**
   * Takes the sender's place: reads the last heartbeat and writes ours in one write
   * transaction (BEGIN IMMEDIATE), so two processes starting together cannot both read
   * « nobody » and both send. Returns the live holder that keeps the place, or null when the
   * place is ours. `holds` says whether a heartbeat still belongs to a running sender.
   */
  claimHeartbeat(
    beat: DispatcherHeartbeat,
    holds: (other: DispatcherHeartbeat) => boolean,
  ): DispatcherHeartbeat | null {
    return this.#db
      .transaction(() => {
        const other = this.heartbeat();
        if (other && holds(other)) return other;
        this.writeHeartbeat(beat);
        return null;
      })
      .immediate();
  }

  /** The last heartbeat of a dispatcher, or null if none ever ran. */
  heartbeat(): DispatcherHeartbeat | null {
    const row = this.#get.get("dispatcher");
    if (!row) return null;
    try {
      const parsed = JSON.parse(row.value) as { pid?: unknown; transportUp?: unknown };
      return {
        pid: typeof parsed.pid === "number" ? parsed.pid : 0,
        transportUp: parsed.transportUp === true,
        at: new Date(row.updated_at),
      };
    } catch {
      return null;
    }
  }

  /** Clears the heartbeat at a clean stop: the CLI then knows nothing is sending. */
  clearHeartbeat(): void {
    this.delete("dispatcher");
  }
}
