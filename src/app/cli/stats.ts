import type { Command } from "commander";
import type { CliContext } from "./context.ts";

/** Sections of `stats`: each area adds its own lines. */
export type StatsSection = (ctx: CliContext) => string[];

/** `stats`: articles (and every section other areas register). */
export function registerStatsCommand(
  program: Command,
  ctx: CliContext,
  sections: readonly StatsSection[] = [],
): void {
  program
    .command("stats")
    .description("chiffres : articles, envois, abonnés")
    .action(() => {
      const app = ctx.app();
      const c = app.articles.counts(app.clock.now());
      ctx.out(
        `Articles : ${c.total} (${c.published} publiés, ${c.scheduled} programmés, ${c.drafts} brouillons)`,
      );
      for (const section of sections) for (const line of section(ctx)) ctx.out(line);
    });
}
