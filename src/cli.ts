import "dotenv/config";
import { CommanderError } from "commander";
import { registerArticleCommands } from "./app/cli/articles.ts";
import { registerBackupCommand } from "./app/cli/backup.ts";
import { exitQuietlyWhenReaderLeaves } from "./app/cli/closed-pipe.ts";
import { createCliContext } from "./app/cli/context.ts";
import { deliveryStats, registerDeliveryCommands } from "./app/cli/delivery.ts";
import { registerDeskCommands } from "./app/cli/desk.ts";
import { registerDoctorCommand } from "./app/cli/doctor.ts";
import { feedsStats, registerFeedCommands } from "./app/cli/feeds.ts";
import { registerHealthCommand } from "./app/cli/health.ts";
import { LocalizedCommand } from "./app/cli/localized-command.ts";
import { registerStatsCommand } from "./app/cli/stats.ts";
import { registerUnderstandCommand } from "./app/cli/understand.ts";
import { hasCode } from "./domain/errors.ts";
import { catalogue } from "./messages/wording.ts";

/** The operator's and editors' command line: `npm run cli -- <command>`. */
async function main(argv: string[]): Promise<number> {
  const ctx = createCliContext(process.env);
  // The help and commander's errors speak the newsroom's language, read before the config
  // (which may be what is wrong, and `--help` must still answer).
  const words = catalogue(process.env.LANGUAGE === "en" ? "en" : "fr").commandLine;
  const program = new LocalizedCommand(words, "suivez-info")
    .description(
      "suivez-info : importer, prévisualiser, diffuser (npm run cli -- <commande> --help)",
    )
    .exitOverride();
  registerArticleCommands(program, ctx);
  registerStatsCommand(program, ctx, [deliveryStats, feedsStats]);
  registerDeliveryCommands(program, ctx);
  registerFeedCommands(program, ctx);
  registerDoctorCommand(program, ctx);
  registerUnderstandCommand(program, ctx);
  registerHealthCommand(program, ctx);
  registerDeskCommands(program, ctx);
  registerBackupCommand(program, ctx);
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    // Commander already printed its own message (bad option, --help…).
    if (error instanceof CommanderError) return error.exitCode;
    // Our own errors say what to fix; their code decides the exit code (CLI_USAGE 1, CONFIG 2…).
    if (hasCode(error)) {
      process.stderr.write(`${error.explain()}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    ctx.close();
  }
}

exitQuietlyWhenReaderLeaves(process.stdout);
process.exitCode = await main(process.argv);
