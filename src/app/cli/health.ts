import type { Command } from "commander";
import { formatLocal } from "../../lib/zoned-time.ts";
import { checkHealth, formatHealth } from "../health.ts";
import type { CliContext } from "./context.ts";

/**
 * `health`: for cron and containers. Exit code 0 when all is well (warnings included), 1 when
 * WhatsApp is down, the bot is not running or the disk is full. `--json` for machines.
 */
export function registerHealthCommand(program: Command, ctx: CliContext): void {
  program
    .command("health")
    .description(
      "état du bot en marche : WhatsApp connecté ou non, dernier envoi, file, flux, disque (code de sortie 1 si en panne)",
    )
    .option("--json", "sortie JSON")
    .action((opts: { json?: boolean }) => {
      const app = ctx.app();
      const report = checkHealth(app);
      if (opts.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        const now = app.clock.now();
        ctx.out(
          formatHealth(report, (iso) => formatLocal(new Date(iso), app.config.timeZone, now)),
        );
      }
      if (report.status === "fail") process.exitCode = 1;
    });
}
