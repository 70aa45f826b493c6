/**
 * A reader's tip: a rumour to check, a question for the newsroom, a forwarded message. The
 * same rumour sent by many readers (« C'est vrai que le pont est fermé ? », « le pont est
 * fermé, vérifiez svp ») is one tip with a count, so the newsroom sees what comes back most.
 */

/** open: waiting for an editor; answered: the answer went to its readers; closed: set aside. */
export type TipStatus = "open" | "answered" | "closed";

export type TipLanguage = "fr" | "en";

export interface Tip {
  id: number;
  /** The first wording received, as the reader wrote it (clipped to 2,000 characters). */
  text: string;
  normalized: string;
  fingerprint: string;
  /** Messages counted as this tip (a reader who sends it twice counts twice). */
  count: number;
  /** Distinct readers who sent it. */
  readers: number;
  /** Whether any copy reached us as a forwarded message. */
  forwarded: boolean;
  firstAt: Date;
  lastAt: Date;
  status: TipStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  closedBy: string | null;
  closedAt: Date | null;
}

/** One reader who sent a tip: whom to answer, in which language, and their own words. */
export interface TipSender {
  tipId: number;
  chatId: string;
  language: TipLanguage;
  text: string;
  forwarded: boolean;
  count: number;
  firstAt: Date;
  lastAt: Date;
  answeredAt: Date | null;
}

/**
 * WhatsApp's customer-service window: a business may write free text to a person only within
 * 24 hours of that person's last message (the Cloud API refuses it after, error 131047; on
 * WhatsApp Web, writing to someone who went quiet a day ago is what gets numbers reported).
 * An answer to a tip goes at once inside it, and with the reader's next message otherwise.
 */
export const ANSWER_WINDOW_MS = 24 * 3_600_000;

/** The longest answer an editor may send (a WhatsApp message stays short on a phone). */
export const TIP_ANSWER_MAX = 1000;

/** The longest tip text kept: a forwarded chain message can be long, an editor reads the start. */
export const TIP_TEXT_MAX = 2000;
