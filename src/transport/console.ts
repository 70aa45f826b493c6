import { phoneOfChatId } from "../domain/chat-id.ts";
import {
  CHANNEL,
  type InboundMessage,
  type Recipient,
  type SendResult,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "./transport.ts";

const ANSI = {
  bold: ["\x1b[1m", "\x1b[22m"],
  italic: ["\x1b[3m", "\x1b[23m"],
  strike: ["\x1b[9m", "\x1b[29m"],
  mono: ["\x1b[36m", "\x1b[39m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  channel: ["\x1b[35m", "\x1b[39m"],
} as const;

// WhatsApp applies a marker only next to a word: "*gras*" yes, "5 * 3 * 2" no.
const before = String.raw`(^|[\s(\[{"'«])`;
const after = String.raw`(?=$|[\s.,;:!?)\]}"'»])`;
const marker = (m: string) => new RegExp(`${before}${m}(?=\\S)([^\\n]*?\\S)${m}${after}`, "gmu");

/** Shows WhatsApp markup as a terminal would: bold, italic, strike-through, monospace, quotes. */
export function renderMarkup(text: string, ansi: boolean): string {
  if (!ansi) return text;
  const wrap = (style: keyof typeof ANSI) => (_m: string, lead: string, inner: string) =>
    `${lead}${ANSI[style][0]}${inner}${ANSI[style][1]}`;
  return text
    .replace(/```([\s\S]+?)```/g, (_m, inner: string) => `${ANSI.mono[0]}${inner}${ANSI.mono[1]}`)
    .replace(marker(String.raw`\*`), wrap("bold"))
    .replace(marker("_"), wrap("italic"))
    .replace(marker("~"), wrap("strike"))
    .replace(/^> ?(.*)$/gm, (_m, inner: string) => `${ANSI.dim[0]}│ ${inner}${ANSI.dim[1]}`);
}

export interface ConsoleTransportOptions {
  /** Where the bot's messages are printed. */
  write: (text: string) => void;
  /** Terminal colours and styles (off when output is not a terminal, e.g. a script). */
  ansi: boolean;
  /** Linked ids (`…@lid`) and the numbers behind them, as WhatsApp would resolve them. */
  lids?: Record<string, string>;
  /** The chat being typed from: its messages are shown as "vous". */
  currentChat?: () => string;
}

/**
 * The terminal as a WhatsApp stand-in for `npm run simulate`: what the bot sends is printed
 * (markup rendered, Channel posts marked), what the user types is handed in with `receive`.
 */
export class ConsoleTransport implements Transport {
  readonly name = "console";
  #handlers: TransportHandlers | null = null;
  #counter = 0;
  readonly #options: ConsoleTransportOptions;

  constructor(options: ConsoleTransportOptions) {
    this.#options = options;
  }

  async start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    handlers.onStatus("up");
  }

  async stop(): Promise<void> {
    this.#handlers?.onStatus("down", "stopped");
    this.#handlers = null;
  }

  isUp(): boolean {
    return this.#handlers !== null;
  }

  async send(to: Recipient, text: string): Promise<SendResult> {
    if (!this.#handlers)
      throw new TransportError("simulateur arrêté : rien n'est affiché", "transient");
    this.#counter += 1;
    const { ansi, write } = this.#options;
    const body = renderMarkup(text, ansi);
    const paint = (style: keyof typeof ANSI, s: string) =>
      ansi ? `${ANSI[style][0]}${s}${ANSI[style][1]}` : s;
    let header: string;
    if (to === CHANNEL) header = paint("channel", "📣 [Chaîne WhatsApp] publication :");
    else if (to === this.#options.currentChat?.()) header = paint("dim", "bot → vous :");
    // A screen for the person testing, not a log: the numbers they typed are shown whole.
    else header = paint("dim", `bot → ${to.replace(/^(\d+)@c\.us$/, "+$1")} :`);
    write(`${header}\n${indent(body)}\n`);
    return { transportId: `console-${this.#counter}` };
  }

  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const id of ids) {
      out.set(id, phoneOfChatId(id) ?? this.#options.lids?.[id] ?? null);
    }
    return out;
  }

  /** A line typed in the terminal, as a message from `chatId`. */
  async receive(chatId: string, text: string): Promise<void> {
    if (!this.#handlers) throw new Error("ConsoleTransport.receive: start() first");
    this.#counter += 1;
    const message: InboundMessage = {
      id: `console-in-${Date.now()}-${this.#counter}`,
      chatId,
      senderId: chatId,
      text,
      kind: "text",
      isGroup: false,
      timestamp: new Date(),
    };
    await this.#handlers.onMessage(message);
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `  ${line}` : ""))
    .join("\n");
}
