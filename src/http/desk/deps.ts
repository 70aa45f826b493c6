import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../log.ts";
import type { Desk } from "../../planner/desk.ts";
import type { ArticlesRepo } from "../../store/articles.ts";
import type { AuditRepo } from "../../store/audit.ts";
import type { BroadcastReceiptsRepo } from "../../store/broadcast-receipts.ts";
import type { BroadcastsRepo } from "../../store/broadcasts.ts";
import type { DeskSessionsRepo } from "../../store/desk-sessions.ts";
import type { DeskSignInAttemptsRepo } from "../../store/desk-sign-in-attempts.ts";
import type { DeskSignInTokensRepo } from "../../store/desk-sign-in-tokens.ts";
import type { FeedsRepo } from "../../store/feeds.ts";
import type { OutboxRepo } from "../../store/outbox.ts";
import type { ReaderChangesRepo } from "../../store/reader-changes.ts";
import type { ReceiptsRepo } from "../../store/receipts.ts";
import type { SentCountsRepo } from "../../store/sent-counts.ts";
import type { SubscribersRepo } from "../../store/subscribers.ts";
import type { TipsRepo } from "../../store/tips.ts";

/** WhatsApp as the pairing page shows it (the composition root adapts the transport to it). */
export interface PairingState {
  /** connected; waiting for a QR scan (or a pairing code); starting; unreachable (`reason`). */
  status: "connected" | "qr" | "starting" | "unreachable";
  /** The text to draw as a QR code while `status` is "qr". */
  qr: string | null;
  reason: string | null;
  /** The transport's name (whatsapp, cloud, hybrid, memory, console). */
  transport: string;
  /** Whether this transport can link with an 8-character pairing code instead of a QR. */
  pairingCode: boolean;
}

/** What the pairing page reads: the state now, and the pairing code alternative. */
export interface PairingSource {
  state(): PairingState;
  /** Asks WhatsApp for a pairing code for the bot's own number (whatsapp-web.js only). */
  requestPairingCode?(phone: string): Promise<string>;
}

/** One line of `doctor`, as the pairing page shows it. */
export interface DeskCheck {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  fix?: string;
}

/**
 * Everything the desk's pages use, passed in by the composition root (src/app/http.ts). A page
 * that needs more adds an optional field at the END of this interface.
 */
export interface DeskDeps {
  config: Pick<
    Config,
    "language" | "timeZone" | "editors" | "newsroomName" | "channel" | "approval"
  >;
  clock: Clock;
  log: Logger;
  /** The desk's rules (publish, schedule, pause, cancel): pages call it, never the store. */
  desk: Desk;
  articles: ArticlesRepo;
  broadcasts: BroadcastsRepo;
  subscribers: SubscribersRepo;
  outbox: OutboxRepo;
  audit: AuditRepo;
  receipts?: ReceiptsRepo | undefined;
  sessions: DeskSessionsRepo;
  signInTokens: DeskSignInTokensRepo;
  signInAttempts: DeskSignInAttemptsRepo;
  pairing?: PairingSource | undefined;
  /** doctor's Chromium and Channel checks (src/app/doctor.ts), run when the page asks. */
  checks?: (() => Promise<DeskCheck[]>) | undefined;
  /** Cookies get `Secure` (the desk is behind a TLS proxy). Default: when the request is https. */
  secureCookies?: boolean | undefined;
  /** Readers over time (Audience); without it the readers' chart is empty. */
  readerChanges?: ReaderChangesRepo | undefined;
  /** The feeds' health (Audience). */
  feeds?: Pick<FeedsRepo, "list"> | undefined;
  /** « Essayer »: a bot over a separate simulator database (src/app/desk-simulator.ts). */
  simulator?: DeskSimulator | undefined;
  /** Readers' tips (Signalements). */
  tips?: TipsRepo | undefined;
  /** Messages sent per hour and kind (Audience). */
  sentCounts?: SentCountsRepo | undefined;
  /** Sent / delivered / read per broadcast, kept as they happen (Audience). */
  broadcastReceipts?: BroadcastReceiptsRepo | undefined;
}

/** One message of the simulator's conversation, as the chat pane shows it. */
export interface SimulatorMessage {
  /** "in": typed by the person trying; "out": the bot's answer; "channel": a Channel post. */
  direction: "in" | "out" | "channel";
  text: string;
  at: string;
  /** An answer to the session's reader while it wrote as the editor (an alert it published). */
  to?: "reader";
}

/**
 * The bot over a simulator database of its own: never the real store, never a real send. Each
 * desk session gets its own conversation (its own reader and editor numbers).
 */
export interface DeskSimulator {
  /** Where its database lives (shown on the page), e.g. "data/simulateur-bureau.db". */
  readonly database: string;
  /** Sends `text` as the session's reader (or editor) and returns what the bot answered. */
  send(session: string, as: "reader" | "editor", text: string): Promise<SimulatorMessage[]>;
  /** The conversation so far (newest last). */
  history(session: string): SimulatorMessage[];
  /** Forgets the session's conversation and its reader's state in the simulator database. */
  reset(session: string): Promise<void>;
}
