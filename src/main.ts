/**
 * `npm start`: the bot for real. Loads `.env`, starts the bot (src/app/start-bot.ts) and runs
 * it until SIGINT or SIGTERM, then stops it in order.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import { STAGE_TIMEOUT_MS } from "./app/lifecycle.ts";
import { type RunningBot, startBot } from "./app/start-bot.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type ErrorCode, hasCode } from "./domain/errors.ts";
import { createLogger } from "./log.ts";

export { startBot } from "./app/start-bot.ts";

/** Start-up failures whose message is the whole story: no stack trace for the operator. */
const EXPLAINED: ErrorCode[] = [
  "LOCK_HELD",
  "STORE_UNAVAILABLE",
  "CHROMIUM_NOT_FOUND",
  "DISPATCHER_BUSY",
];

/** The `npm start` process: exit 2 on a bad .env, 1 when it cannot start, 0 after a clean stop. */
export async function run(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `${error.message}\nCorrigez .env (modèle : .env.example), puis relancez.\n`,
    );
    process.exitCode = 2;
    return;
  }
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  // whatsapp-web.js runs async listeners of its own (page navigation, re-injection) whose
  // failures after a browser closed surface here: log them, do not kill the bot over them.
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, "promesse rejetée non gérée (ignorée)");
  });

  let bot: RunningBot;
  try {
    bot = await startBot(config, { log });
  } catch (error) {
    if (hasCode(error, ...EXPLAINED)) {
      log.fatal({ code: error.code }, error.message);
      process.stderr.write(`\n${error.explain()}\n`);
    } else {
      log.fatal({ err: error }, "démarrage impossible");
    }
    process.exitCode = 1;
    return;
  }

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      bot.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.fatal({ err: error }, "arrêt incomplet");
          process.exit(1);
        },
      );
      // Whatever hangs, the process ends: a service manager must be able to restart it.
      setTimeout(() => {
        log.error("arrêt trop long : sortie forcée");
        process.exit(1);
      }, 6 * STAGE_TIMEOUT_MS).unref();
      return;
    }
    // npm and tsx relay the terminal's Ctrl-C: the same signal may arrive twice, and late on a
    // loaded machine. Only a request well after the first one means "stop now".
    if (now - firstSignalAt < 5_000) return;
    log.warn({ signal }, "deuxième demande d'arrêt : sortie immédiate");
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
