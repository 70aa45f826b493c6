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
  /**
   * Messages that may go back to back to catch up when the loop ran late (default 1: none).
   * The Cloud API's pace is kept strictly by its transport; here, a timer that fires a little
   * late at 1 ms gaps would otherwise cost most of the rate (399 msg/s of 1,000 measured).
   */
  burst?: number;
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

/** Meta's pair rate: about one message every 6 s to the same reader (error 131056). */
export const CLOUD_PAIR_GAP_MS = 6_000;

/**
 * The policy from `.env` (SEND_RATE_PER_MINUTE, MIN_GAP_PER_CHAT_SECONDS) and the defaults.
 * With the official API (`cloud`: WHATSAPP_TRANSPORT cloud or hybrid) the pace is the number's
 * throughput (CLOUD_RATE_PER_SECOND), without the jitter that only disguises an unofficial
 * client, and never faster than Meta's pair rate to one reader.
 */
export function sendingPolicy(
  sending: { ratePerMinute: number; minGapPerChatSeconds: number },
  cloud: { ratePerSecond: number } | null = null,
): SendingPolicy {
  if (cloud) {
    return {
      ...DEFAULT_POLICY,
      jitter: 0,
      burst: Math.max(1, Math.ceil(cloud.ratePerSecond / 10)),
      ratePerMinute: cloud.ratePerSecond * 60,
      minGapPerChatMs: Math.max(sending.minGapPerChatSeconds * 1000, CLOUD_PAIR_GAP_MS),
    };
  }
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
