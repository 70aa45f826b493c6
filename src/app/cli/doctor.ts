import path from "node:path";
import type { Command } from "commander";
import { formatDoctor, runDoctor } from "../doctor.ts";
import type { CliContext } from "./context.ts";

/** `doctor`: checks Node, .env, the database, Chromium, the session and the Channel. */
export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description("vérifie l'installation : Node, .env, base, Chromium, session WhatsApp, chaîne")
    .action(async () => {
      // The raw environment, not ctx.config(): a bad .env is one of the things reported.
      const checks = await runDoctor({
        env: process.env,
        envFile: path.relative(process.cwd(), path.resolve(".env")) || ".env",
      });
      ctx.out(formatDoctor(checks));
      if (checks.some((c) => c.status === "fail")) process.exitCode = 1;
    });
}
