/** An editor's breaking alert stays a short message: small data plans, small screens. */
export const MAX_ALERT_CHARS = 1000;

/** What an editor's broadcast command got queued: the numbers the editor is told. */
export interface BroadcastReceipt {
  broadcastId: number;
  /** Whether a Channel post was queued (Channel configured and the rubric policy matched). */
  channel: boolean;
  /** One-to-one recipients queued (followers of the rubrics, or all opted-in for an alert). */
  recipients: number;
  /** Honest estimate of when the last message goes out, at the current pace. */
  etaMs: number;
  /** For a scheduled broadcast: when it starts. */
  startsAt: Date | null;
}

/** Messages sent, delivered to the phone and read (WhatsApp's receipts). */
export interface ReceiptFigures {
  sent: number;
  delivered: number;
  read: number;
}

export interface BroadcastProgress {
  broadcastId: number;
  label: string;
  total: number;
  sent: number;
  failed: number;
  etaMs: number;
  /** Receipts of its sent messages, when the store keeps them. */
  receipts?: ReceiptFigures;
}

/** Sending figures for `/stats` and `cli stats`. */
export interface SendingStats {
  paused: boolean;
  transportUp: boolean;
  today: { queued: number; sent: number; failed: number; dead: number };
  running: BroadcastProgress[];
  subscribers: { optedIn: number; instant: number; daily: number; stopped: number };
  /** Today's broadcast messages (newsroom's day): receipts in all, and per rubric. */
  receipts?: { today: ReceiptFigures; byRubric: (ReceiptFigures & { rubric: string })[] };
}

/**
 * What the bot's editor commands need from delivery. The delivery layer implements it; the
 * bot only depends on this interface. `editor` is the editor's E.164 number, for the audit.
 */
export interface EditorBackend {
  publish(articleId: number, editor: string): BroadcastReceipt;
  alert(text: string, editor: string): BroadcastReceipt;
  pause(editor: string): void;
  resume(editor: string): void;
  isPaused(): boolean;
  stats(): SendingStats;
}
