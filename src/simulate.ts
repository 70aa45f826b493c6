/**
 * `npm run simulate`: chat with the bot in a terminal, as a reader or as an editor, over a
 * local database (data/simulateur.db by default: your real one is never touched). Without a
 * terminal on stdin it reads a script, one message per line, so tests can drive it.
 */
import { chatIdOf, phoneOfChatId } from "./domain/chat-id.ts";
import "dotenv/config";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { openApp } from "./app/services.ts";
import { connectSimulatorBot } from "./app/simulator-bot.ts";
import { createBot } from "./bot/bot.ts";
import { type Config, loadConfig } from "./config.ts";
import { hasCode } from "./domain/errors.ts";
import { Ingest } from "./ingest/ingest.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger } from "./log.ts";
import { ConsoleTransport } from "./transport/console.ts";

const DEFAULT_READER = "+22370000000";
/** Used for `/editor` when `.env` lists no editor, so a fresh clone can try editor commands. */
const DEMO_EDITOR = "+22376000000";
/** A linked id standing for the first editor: `/editor-lid` shows how `@lid` senders resolve. */
const EDITOR_LID = "100000000000001@lid";

const HELP = [
  "Commandes du simulateur (le reste est envoyé au bot) :",
  "  /as +22370000000   écrire depuis ce numéro",
  "  /editor            écrire comme le premier éditeur (EDITORS dans .env)",
  "  /editor-lid        le même éditeur, vu par WhatsApp sous un identifiant @lid",
  "  /lecteur           revenir au lecteur de départ",
  "  /quit              quitter",
].join("\n");

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      import: { type: "string", multiple: true },
      as: { type: "string" },
      flood: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(
      "npm run simulate -- [--db fichier.db] [--import chemin]… [--as +22370000000] [--flood N]\n\n" +
        "  --flood N          garder le contrôle des rafales dans un script (N messages en 30 s)\n\n" +
        `${HELP}\n`,
    );
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY);
  const base = loadConfig(process.env);
  const config: Config = {
    ...base,
    databasePath: values.db ?? path.join(base.dataDir, "simulateur.db"),
    editors: base.editors.length > 0 ? base.editors : [DEMO_EDITOR],
    // No Channel configured: a stand-in, so /publier shows what the Channel would receive.
    channel:
      base.channel.invite || base.channel.id
        ? base.channel
        : { ...base.channel, id: "120363000000000000@newsletter" },
  };
  const log = createLogger({
    level: config.logLevel === "info" ? "warn" : config.logLevel,
    format: config.logFormat,
  });
  const app = openApp(config, { clock: systemClock, log });
  const write = (text: string) => process.stdout.write(`${text}\n`);

  const ingest = new Ingest({
    articles: app.articles,
    clock: app.clock,
    log,
    summaryMaxChars: config.summaryMaxChars,
  });
  const sources = [config.articlesDir, ...(values.import ?? [])];
  const report = await ingest.importPaths(sources);
  for (const failure of report.failed) write(`! ${failure.origin} : ${failure.reason}`);

  const firstEditor = config.editors[0] ?? DEMO_EDITOR;
  const readerChat = chatIdOf(values.as ?? DEFAULT_READER) ?? `${DEFAULT_READER.slice(1)}@c.us`;
  let current = readerChat;

  const transport = new ConsoleTransport({
    write,
    ansi: interactive && Boolean(process.stdout.isTTY),
    lids: { [EDITOR_LID]: firstEditor },
    currentChat: () => current,
  });
  const bot = createBot(
    app,
    { backend: app.delivery.desk, transport, via: "simulator" },
    // A script may type fast: flood control stays on in the terminal only (or with --flood N).
    values.flood
      ? { flood: { burst: Number(values.flood) || 8 } }
      : interactive
        ? {}
        : { flood: { burst: 10_000 } },
  );
  const dispatcher = await connectSimulatorBot(app, bot, transport);

  // The simulator shows the numbers the user typed: it is a screen, not a log.
  const who = () => {
    if (current === EDITOR_LID) return `éditeur ${firstEditor} via ${EDITOR_LID}`;
    const phone = phoneOfChatId(current) ?? current;
    return config.editors.includes(phone) ? `${phone} (éditeur)` : phone;
  };

  write(
    `Simulateur ${config.newsroomName} — base ${config.databasePath}, ` +
      `${app.articles.counts(app.clock.now()).published} article(s) publiés` +
      (report.imported + report.updated > 0
        ? ` (${report.imported + report.updated} importé(s))`
        : "") +
      ".",
  );
  if (interactive) write(`${HELP}\nÉcrivez par exemple : bonjour\n`);

  /** One line typed: a simulator command, or a message to the bot. False to quit. */
  const handleLine = async (raw: string): Promise<boolean> => {
    const line = raw.replace(/\r$/, "");
    if (!interactive && (line.trim() === "" || line.trimStart().startsWith("#"))) return true;
    const [word = "", ...rest] = line.trim().split(/\s+/);
    switch (word.toLowerCase()) {
      case "/quit":
      case "/exit":
      case "/quitter":
        return false;
      case "/as": {
        const chat = chatIdOf(rest.join(""));
        if (!chat) write("Numéro attendu au format international, ex. /as +22370000000");
        else current = chat;
        write(`(vous écrivez maintenant depuis ${who()})`);
        return true;
      }
      case "/editor":
        current = chatIdOf(firstEditor) ?? current;
        write(`(vous écrivez maintenant comme ${who()} — /aide pour les commandes éditeur)`);
        return true;
      case "/editor-lid":
        current = EDITOR_LID;
        write(`(vous écrivez maintenant comme ${who()})`);
        return true;
      case "/lecteur":
      case "/reader":
        current = readerChat;
        write(`(vous écrivez maintenant depuis ${who()})`);
        return true;
      case "/simulateur":
        write(HELP);
        return true;
    }
    if (!interactive) write(`> ${who()} : ${line}`);
    await transport.receive(current, line);
    await dispatcher.drain();
    if (app.settings.isPaused()) {
      write("(envois en pause : les messages attendent /reprendre)");
    }
    return true;
  };

  if (interactive) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    const prompt = () => rl.setPrompt(`${who()} > `);
    prompt();
    rl.prompt();
    for await (const line of rl) {
      if (!(await handleLine(line))) break;
      prompt();
      rl.prompt();
    }
    rl.close();
  } else {
    const rl = readline.createInterface({
      input: process.stdin,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of rl) {
      if (!(await handleLine(line))) break;
    }
  }
  await transport.stop();
  app.close();
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  if (hasCode(error, "CONFIG_INVALID", "STORE_UNAVAILABLE")) {
    process.stderr.write(`${error.explain()}\n`);
    return error.exitCode;
  }
  throw error;
});
