/**
 * What the bot sends, every kind a row of the outbox before it goes: its priority and its lane.
 */

export type OutboxKind = "reply" | "notice" | "channel" | "alert" | "digest";

/** Lower is sooner: a reader's answer never waits behind a broadcast. */
export const PRIORITY: Record<OutboxKind, number> = {
  reply: 0,
  notice: 1,
  channel: 2,
  alert: 3,
  digest: 4,
};

/** Every priority, soonest first. */
export const PRIORITIES: readonly number[] = [...new Set(Object.values(PRIORITY))].sort(
  (a, b) => a - b,
);

/** Kinds that answer someone who just wrote (or an editor): they have their own share of the rate. */
export const INTERACTIVE_KINDS: readonly OutboxKind[] = ["reply", "notice"];

/** Replies and editor notices (someone is waiting), or broadcasts (channel, alerts, digests). */
export type Lane = "interactive" | "bulk";
