import type { Command } from "commander";
import type { CliContext } from "./context.ts";
import { printJson } from "./json-output.ts";

/** A section of `stats`: each area adds its own lines, and its part of `stats --json`. */
export interface StatsSection {
  /** Its key in `stats --json`. */
  key: string;
  lines(ctx: CliContext): string[];
  json(ctx: CliContext): unknown;
}

/** `stats`: articles (and every section other areas register). */
export function registerStatsCommand(
  program: Command,
  ctx: CliContext,
  sections: readonly StatsSection[] = [],
): void {
  program
    .command("stats")
    .description("chiffres : articles, envois, abonnés")
    .option("--json", "un objet JSON (champs stables, voir README)")
    .action((options: { json?: boolean }) => {
      const app = ctx.app();
      const c = app.articles.counts(app.clock.now());
      if (options.json) {
        const all: Record<string, unknown> = { articles: c };
        for (const section of sections) all[section.key] = section.json(ctx);
        printJson(ctx.out, all);
        return;
      }
      ctx.out(
        `Articles : ${c.total} (${c.published} publiés, ${c.scheduled} programmés, ${c.drafts} brouillons)`,
      );
      for (const section of sections) for (const line of section.lines(ctx)) ctx.out(line);
    });
}
