import { createHash } from "node:crypto";
import path from "node:path";
import { createBot } from "../bot/bot.ts";
import type { Config } from "../config.ts";
import type { DeskSimulator, SimulatorMessage } from "../http/desk/deps.ts";
import { Ingest } from "../ingest/ingest.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import { MemoryTransport } from "../transport/memory.ts";
import { CHANNEL } from "../transport/transport.ts";
import { type App, openApp } from "./services.ts";
import { connectSimulatorBot } from "./simulator-bot.ts";

/** The simulator's own database, beside the real one in DATA_DIR (never the real one). */
export const SIMULATOR_DB = "simulateur-bureau.db";
/** The editor the simulator knows: a number of its own, so no real editor's is ever in it. */
export const SIMULATOR_EDITOR = "+22376000000";
/** A stand-in Channel, so /publier shows what the Channel would receive. */
const SIMULATOR_CHANNEL = "120363000000000000@newsletter";
/** Messages kept per conversation, and conversations kept (the oldest are forgotten). */
const HISTORY = 200;
const SESSIONS = 100;

interface Running {
  app: App;
  transport: MemoryTransport;
  send(chatId: string, text: string): Promise<void>;
}

/**
 * « Essayer » on the desk: the real bot (createBot, as `npm start` builds it) over a database of
 * its own and the memory transport: nothing leaves the process, the real store is never opened.
 * Built on first use (the articles of ARTICLES_DIR imported into it, like `npm run simulate`);
 * each desk session writes from a reader number of its own, derived from the session.
 */
export function createDeskSimulator(
  config: Config,
  deps: { clock: Clock; log: Logger },
): DeskSimulator & { close(): void } {
  const database =
    config.databasePath === ":memory:" ? ":memory:" : path.join(config.dataDir, SIMULATOR_DB);
  const histories = new Map<string, SimulatorMessage[]>();
  /** A session's reader chat id → the session (an editor's alert reaches it too). */
  const sessionOfReader = new Map<string, string>();
  let running: Promise<Running> | null = null;
  // One bot, one conversation step at a time: what a message queued is what it answered.
  let queue: Promise<unknown> = Promise.resolve();

  const start = async (): Promise<Running> => {
    const simConfig: Config = {
      ...config,
      databasePath: database,
      editors: [SIMULATOR_EDITOR],
      channel:
        config.channel.invite || config.channel.id
          ? config.channel
          : { ...config.channel, id: SIMULATOR_CHANNEL },
    };
    const app = openApp(simConfig, deps);
    const ingest = new Ingest({
      articles: app.articles,
      clock: app.clock,
      log: deps.log,
      summaryMaxChars: simConfig.summaryMaxChars,
    });
    await ingest.importPaths([simConfig.articlesDir]);
    const transport = new MemoryTransport({ now: () => app.clock.now() });
    const bot = createBot(app, { backend: app.delivery.desk, transport, via: "simulator" });
    const dispatcher = await connectSimulatorBot(app, bot, transport);
    return {
      app,
      transport,
      send: async (chatId, text) => {
        await transport.inject({ chatId, text });
        await dispatcher.drain();
      },
    };
  };
  const sim = () => {
    running ??= start();
    return running;
  };

  /** A reader number of the session's own (+2239…, a range no Malian operator uses). */
  const readerOf = (session: string) => {
    const digits = BigInt(`0x${createHash("sha256").update(session).digest("hex").slice(0, 12)}`)
      .toString()
      .padStart(8, "0")
      .slice(-8);
    const chatId = `2239${digits}@c.us`;
    sessionOfReader.set(chatId, session);
    return chatId;
  };
  const editorChat = `${SIMULATOR_EDITOR.slice(1)}@c.us`;
  const historyOf = (session: string) => {
    let list = histories.get(session);
    if (!list) {
      if (histories.size >= SESSIONS) {
        const oldest = histories.keys().next().value;
        if (oldest !== undefined) histories.delete(oldest);
      }
      list = [];
      histories.set(session, list);
    }
    return list;
  };

  return {
    database: database === ":memory:" ? database : path.relative(process.cwd(), database),
    send(session, as, text) {
      const step = queue.then(async () => {
        const s = await sim();
        const chatId = as === "editor" ? editorChat : readerOf(session);
        const list = historyOf(session);
        const at = () => s.app.clock.now().toISOString();
        const answer: SimulatorMessage[] = [{ direction: "in", text, at: at() }];
        s.transport.clearSent();
        await s.send(chatId, text);
        const reader = readerOf(session);
        for (const m of s.transport.sent) {
          if (m.to === chatId) answer.push({ direction: "out", text: m.text, at: at() });
          else if (m.to === CHANNEL) answer.push({ direction: "channel", text: m.text, at: at() });
          // The editor published: the session's own reader receives the alert as readers would.
          else if (m.to === reader) {
            answer.push({ direction: "out", text: m.text, at: at(), to: "reader" });
          }
        }
        s.transport.clearSent();
        list.push(...answer);
        if (list.length > HISTORY) list.splice(0, list.length - HISTORY);
        return answer;
      });
      queue = step.catch(() => undefined);
      return step;
    },
    history: (session) => [...(histories.get(session) ?? [])],
    reset(session) {
      histories.delete(session);
      const chatId = readerOf(session);
      const step = queue.then(async () => {
        const s = await sim();
        s.app.subscribers.erase(chatId, s.app.clock.now());
      });
      queue = step.catch(() => undefined);
      return step;
    },
    close() {
      void running?.then((s) => {
        void s.transport.stop();
        s.app.close();
      });
    },
  };
}
