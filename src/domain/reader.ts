/** What decides whether a reader may receive anything they did not just ask for. */
export interface ReaderConsent {
  /** Explicit opt-in ("abonner"); null = never subscribed, or erased. */
  optedInAt: Date | null;
  /** "stop"; kept after an erase so the opt-out is still honoured. */
  stoppedAt: Date | null;
  /** Marked after repeated permanent send failures. */
  unreachableAt: Date | null;
}

export type NoSendReason = "stopped" | "not-subscribed" | "unreachable";

/**
 * The one rule for alerts and digests: opted in, not stopped, reachable. Replies to a reader
 * who just wrote are not broadcasts and do not need it. The store's SQL mirror of this rule is
 * `MAY_RECEIVE` in src/store/subscribers.ts (the fan-out runs it over 100,000 rows at once).
 */
export function whyNotReceive(reader: ReaderConsent | null): NoSendReason | null {
  if (reader === null) return "not-subscribed";
  if (reader.stoppedAt !== null) return "stopped";
  if (reader.optedInAt === null) return "not-subscribed";
  if (reader.unreachableAt !== null) return "unreachable";
  return null;
}

/** Whether broadcasts (alerts, digests) may go to this reader. */
export function mayReceive(reader: ReaderConsent | null): boolean {
  return whyNotReceive(reader) === null;
}

/** Whether the reader has asked for broadcasts and not stopped them (reachable or not). */
export function isSubscribed(reader: Pick<ReaderConsent, "optedInAt" | "stoppedAt">): boolean {
  return reader.optedInAt !== null && reader.stoppedAt === null;
}
