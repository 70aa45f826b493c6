/** What the bot made of a reader's message: the schema of the utterance data set. */
export type Understanding =
  | { intent: "menu" }
  | { intent: "latest"; rubric: string | null; count: number | null }
  | { intent: "read"; n: number }
  | { intent: "choice"; n: number }
  | { intent: "search"; query: string }
  | { intent: "topics" }
  | { intent: "follow"; rubrics: string[] }
  | { intent: "unfollow"; rubrics: string[] | "all" }
  | { intent: "subscribe"; rubrics: string[] }
  | { intent: "stop" }
  | { intent: "mode"; mode: "instant" | "daily"; time: string | null }
  | { intent: "language"; language: "fr" | "en" }
  | { intent: "my-data" }
  | { intent: "erase" }
  | { intent: "thanks" }
  /** A rumour, question or report for the newsroom (src/bot/understand/tip.ts). */
  | { intent: "tip" }
  | { intent: "unknown" };

export type Intent = Understanding["intent"];

/** The understanding plus what the conversation needs but the data set does not label. */
export interface Reading {
  understood: Understanding;
  /** The message may be an opt-out without being clearly one: ask before acting. */
  maybeStop: boolean;
  /** Written in English (a newcomer is then answered in English). */
  english: boolean;
  /** A typo was corrected to get here. */
  corrected: boolean;
}
