/**
 * Every error the project raises on purpose carries a code from this catalogue. The code, not
 * the class name or the prose, decides what happens next: the exit code of the CLI and of
 * `npm start`, whether a feed retries, what an editor is told (rendered in their language by
 * the wording catalogue, src/messages/i18n).
 *
 * @example
 * throw new AppError("ARTICLE_FILE_INVALID", "JSON invalide ligne 4", { hint: "corrigez le fichier" });
 * if (hasCode(error, "FEED_FETCH_FAILED")) retryLater();
 */
export const ERROR_CODES = {
  /** A value of `.env` is wrong: the message names it with its fix. */
  CONFIG_INVALID: { exit: 2 },
  /** The database cannot be opened or migrated. */
  STORE_UNAVAILABLE: { exit: 2 },
  /** Another live process holds the data folder's lock. */
  LOCK_HELD: { exit: 1 },
  /** Another live process already sends from this database. */
  DISPATCHER_BUSY: { exit: 1 },
  /** A CLI command cannot do what was asked (bad argument, unknown id…). */
  CLI_USAGE: { exit: 1 },
  /** An article file cannot be read as an article (malformed, binary, too big…). */
  ARTICLE_FILE_INVALID: { exit: 1 },
  /** An article was read but cannot be stored (no title, empty body…). */
  ARTICLE_REJECTED: { exit: 1 },
  /** The summary model artefact is missing, unreadable or trained for other features. */
  SUMMARY_MODEL_INVALID: { exit: 2 },
  /** A feed could not be fetched (network, HTTP status, size, time-out). */
  FEED_FETCH_FAILED: { exit: 1 },
  /** A feed's bytes are not a feed this bot reads. */
  FEED_PARSE_FAILED: { exit: 1 },
  /** A feed source given by an operator is not valid (URL, interval). */
  FEED_SOURCE_INVALID: { exit: 1 },
  /** That feed is already followed. */
  FEED_EXISTS: { exit: 1 },
  /** No usable Chromium for WhatsApp Web. */
  CHROMIUM_NOT_FOUND: { exit: 1 },
  /** WhatsApp Web did not start (unreachable, slow, profile in use…). */
  WHATSAPP_START_FAILED: { exit: 1 },
  /** A send was refused or failed: `permanent` in its params says whether to retry. */
  TRANSPORT_FAILED: { exit: 1 },
  /** A bot middleware failed while handling a message. */
  BOT_HANDLER_FAILED: { exit: 1 },
  /** Editors' broadcast requests that cannot be carried out: rendered in the editor's language. */
  ARTICLE_NOT_FOUND: { exit: 1 },
  ARTICLE_IS_DRAFT: { exit: 1 },
  ALERT_EMPTY: { exit: 1 },
  ALERT_TOO_LONG: { exit: 1 },
  /** « OUI » with no broadcast waiting for it. */
  CONFIRMATION_NONE: { exit: 1 },
  /** « OUI » too late: the question expired, nothing was sent. */
  CONFIRMATION_EXPIRED: { exit: 1 },
  /** A broadcast number that does not exist, or is already over. */
  BROADCAST_NOT_FOUND: { exit: 1 },
  BROADCAST_FINISHED: { exit: 1 },
  /** A date or time an editor typed that cannot be read, or is past. */
  WHEN_INVALID: { exit: 1 },
  WHEN_PAST: { exit: 1 },
} as const satisfies Record<string, { exit: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The parameters of the errors that are shown to editors, by code. */
export interface DeskErrorParams {
  ARTICLE_NOT_FOUND: { id: number };
  ARTICLE_IS_DRAFT: { id: number };
  ALERT_EMPTY: Record<string, never>;
  ALERT_TOO_LONG: { length: number; max: number };
  CONFIRMATION_NONE: Record<string, never>;
  /** What was waiting, for the editor to ask again. */
  CONFIRMATION_EXPIRED: {
    kind: "publish" | "schedule" | "alert";
    articleId: number | null;
    minutes: number;
  };
  BROADCAST_NOT_FOUND: { id: number };
  BROADCAST_FINISHED: { id: number; state: string };
  /** `example`: a valid form for now, in the newsroom's time ("demain 18h"). */
  WHEN_INVALID: { text: string; example: string };
  WHEN_PAST: { at: string; example: string };
}
export type DeskErrorCode = keyof DeskErrorParams;

export interface AppErrorOptions {
  /** What to do about it, when the message alone does not say. */
  hint?: string | undefined;
  cause?: unknown;
}

/** The one base class: a code from ERROR_CODES, a message, an optional hint and cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  override get name(): string {
    return `AppError[${this.code}]`;
  }

  /** The process exit code for this error (CLI, `npm start`, the simulator). */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  /** The message followed by the hint, as a terminal shows it. */
  explain(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }
}

/** Whether `error` is an AppError with one of `codes` (any code when none is given). */
export function hasCode(error: unknown, ...codes: ErrorCode[]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}

/** A broadcast an editor asked for cannot be done; `params` are what the wording needs. */
export class DeskError<C extends DeskErrorCode = DeskErrorCode> extends AppError {
  readonly deskCode: C;
  readonly params: DeskErrorParams[C];

  constructor(code: C, params: DeskErrorParams[C]) {
    super(code, `${code} ${JSON.stringify(params)}`);
    this.deskCode = code;
    this.params = params;
  }
}
