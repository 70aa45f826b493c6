/** How fast and how stubbornly the dispatcher sends (README: sending policy). */
export interface SendingPolicy {
  /** Ceiling on all messages per minute, replies included: the ban-safety limit. */
  ratePerMinute: number;
  /** Minimum time between two messages to the same chat. */
  minGapPerChatMs: number;
  /** Each gap is stretched by a random 0..jitter fraction, so sending never looks mechanical. */
  jitter: number;
  /** Share of the rate replies may use when they keep coming (broadcasts keep the rest). */
  replyShare: number;
  /** Replies that may go back to back before their share applies: a reader is answered now. */
  replyBurst: number;
  /** Attempts before a transiently failing message is given up (dead). */
  maxAttempts: number;
  /** First retry delay; doubled each attempt, capped at `retryMaxMs`, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Permanent failures in a row after which a reader is marked unreachable. */
  unreachableAfter: number;
  /** How often an idle dispatcher looks at the database (rows queued by another process). */
  idlePollMs: number;
}

export const DEFAULT_POLICY: Omit<SendingPolicy, "ratePerMinute" | "minGapPerChatMs"> = {
  jitter: 0.5,
  replyShare: 0.5,
  replyBurst: 3,
  maxAttempts: 6,
  retryBaseMs: 30_000,
  retryMaxMs: 30 * 60_000,
  unreachableAfter: 3,
  idlePollMs: 5_000,
};

/** The policy from `.env` (SEND_RATE_PER_MINUTE, MIN_GAP_PER_CHAT_SECONDS) and the defaults. */
export function sendingPolicy(sending: {
  ratePerMinute: number;
  minGapPerChatSeconds: number;
}): SendingPolicy {
  return {
    ...DEFAULT_POLICY,
    ratePerMinute: sending.ratePerMinute,
    minGapPerChatMs: sending.minGapPerChatSeconds * 1000,
  };
}

/** Average time between two broadcast messages at this policy: what ETAs are made of. */
export function averageBulkGapMs(policy: SendingPolicy): number {
  return (60_000 / policy.ratePerMinute) * (1 + policy.jitter / 2);
}

/** Delay before the next try after `attempts` failed ones: exponential, capped, jittered. */
export function retryDelayMs(
  policy: SendingPolicy,
  attempts: number,
  random: () => number,
): number {
  const raw = Math.min(policy.retryBaseMs * 2 ** Math.max(attempts - 1, 0), policy.retryMaxMs);
  // Half fixed, half random: retries of many rows failing together do not come back together.
  return Math.round(raw * (0.5 + random() * 0.5));
}
