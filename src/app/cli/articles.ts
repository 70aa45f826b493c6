import { createInterface } from "node:readline";
import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import { summarizeText } from "../../ingest/prepare.ts";
import { previewPaths } from "../../ingest/preview.ts";
import {
  alert,
  articleDetail,
  channelLinkOf,
  channelPost,
  digestEntry,
  type FormatContext,
} from "../../messages/templates.ts";
import type { StoredArticle } from "../../store/articles.ts";
import { type CliContext, CliError } from "./context.ts";
import { articleJson, printJson } from "./json-output.ts";

/** A positive whole number option/argument, with a message saying what was expected. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError(`« ${value} » : un nombre entier positif est attendu.`);
  }
  return n;
}

/** The format context of the operator's previews: the newsroom's language and time zone. */
export function formatContextOf(ctx: CliContext): FormatContext {
  const c = ctx.config();
  return {
    language: c.language,
    timeZone: c.timeZone,
    channelLink: channelLinkOf(c.channel.invite),
  };
}

/** import, articles list|show, preview, summarize. */
export function registerArticleCommands(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description(
      "importe des articles (.txt, .html, .md, .json ; dossiers parcourus récursivement)",
    )
    .argument("<chemins...>", "fichiers ou dossiers")
    .option("--dry-run", "n'importe rien : montre ce qui serait importé")
    .option("--json", "avec --dry-run : une ligne JSON par article (ou par échec)")
    .action(async (paths: string[], opts: { dryRun?: boolean; json?: boolean }) => {
      if (opts.dryRun) {
        await dryRun(ctx, paths, opts.json === true);
        return;
      }
      const bar = ctx.interactive
        ? new SingleBar({ format: "Import [{bar}] {value}/{total} fichiers", hideCursor: true })
        : null;
      const report = await ctx.ingest().importPaths(paths, {
        onProgress: (done, total) => {
          if (!bar) return;
          if (done === 1) bar.start(total, 0);
          bar.update(done);
        },
      });
      bar?.stop();
      ctx.out(
        `${report.imported} importé(s), ${report.updated} mis à jour, ${report.unchanged} inchangé(s), ${report.failed.length} en échec`,
      );
      for (const f of report.failed) ctx.out(`  ✗ ${f.origin} : ${f.reason}`);
      if (report.skipped.length > 0) {
        ctx.out(
          `  (${report.skipped.length} fichier(s) ignoré(s) : extension non prise en charge, ou README/SOURCES/LICENSE)`,
        );
      }
      for (const n of report.notes) ctx.out(`  · ${n.origin} : ${n.reason}`);
      if (report.failed.length > 0) process.exitCode = 1;
    });

  const articles = program.command("articles").description("consulte les articles stockés");
  articles
    .command("list")
    .description("liste les articles, les plus récents d'abord (brouillons compris)")
    .option("--limit <n>", "nombre maximal", positiveInt, 20)
    .option("--category <rubrique>", "seulement cette rubrique")
    .option("--json", "une ligne JSON par article (champs stables, voir README)")
    .action((options: { limit: number; category?: string; json?: boolean }) => {
      const app = ctx.app();
      const now = app.clock.now();
      const rows = app.articles.list({ limit: options.limit, category: options.category });
      if (options.json) {
        for (const a of rows) printJson(ctx.out, articleJson(a, now));
        return;
      }
      if (rows.length === 0)
        ctx.out("Aucun article. Importez-en : npm run cli -- import data/articles");
      for (const a of rows) ctx.out(listLine(a, now));
    });
  articles
    .command("show")
    .description("montre un article stocké : champs, texte nettoyé, résumé")
    .argument("<id>", "identifiant de l'article", positiveInt)
    .action((id: number) => {
      const a = found(ctx, id);
      ctx.out(`#${a.id} ${a.title}`);
      ctx.out(`rubriques : ${a.categories.join(", ") || "—"}`);
      ctx.out(`date : ${a.publishedAt.toISOString()}   dateline : ${a.dateline ?? "—"}`);
      ctx.out(`statut : ${a.status}   auteur : ${a.author ?? "—"}`);
      ctx.out(`url : ${a.url ?? "—"}   guid : ${a.guid ?? "—"}`);
      ctx.out(`origine : ${a.origin}`);
      ctx.out(`\nrésumé : ${a.summary}`);
      if (a.keyPoints.length > 0)
        ctx.out(`points clés :\n${a.keyPoints.map((p) => `  - ${p}`).join("\n")}`);
      ctx.out(`\n${a.bodyText}`);
    });

  program
    .command("preview")
    .description("montre le message WhatsApp d'un article tel que le lecteur le verra")
    .argument("<id>", "identifiant de l'article", positiveInt)
    .addOption(
      new Option("--as <format>", "format du message")
        .choices(["channel", "alert", "digest", "detail"])
        .default("channel"),
    )
    .action((id: number, options: { as: "channel" | "alert" | "digest" | "detail" }) => {
      const a = found(ctx, id);
      const fc = formatContextOf(ctx);
      const render = {
        channel: () => channelPost(a, fc),
        alert: () => alert(a, fc),
        digest: () => digestEntry(a, 1, fc),
        detail: () => articleDetail(a, fc),
      }[options.as];
      const text = render();
      ctx.out(text);
      ctx.out(`\n(${text.length} caractères)`);
    });

  program
    .command("summarize")
    .description('résume des articles : lignes JSON {"title", "article"} -> {"summary"}')
    .requiredOption("--jsonl <file>", "fichier de lignes JSON, ou - pour l'entrée standard")
    .option("--max-chars <n>", "longueur maximale du résumé", positiveInt)
    .action(async (options: { jsonl: string; maxChars?: number }) => {
      const { createReadStream } = await import("node:fs");
      const input = options.jsonl === "-" ? process.stdin : createReadStream(options.jsonl);
      // Needs no database: only the summary length from .env (or --max-chars).
      const maxChars = options.maxChars ?? ctx.config().summaryMaxChars;
      let lineNumber = 0;
      for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
        lineNumber++;
        if (line.trim() === "") continue;
        process.stdout.write(`${JSON.stringify(summarizeLine(line, lineNumber, maxChars))}\n`);
      }
    });
}

/** One JSON line in, one out: a bad line still answers (with an error) so outputs stay aligned. */
function summarizeLine(
  line: string,
  n: number,
  maxChars: number,
): { summary: string; error?: string } {
  let row: { title?: unknown; article?: unknown };
  try {
    row = JSON.parse(line) as typeof row;
  } catch {
    return { summary: "", error: `ligne ${n} : JSON invalide` };
  }
  const title = typeof row?.title === "string" ? row.title : "";
  const article = typeof row?.article === "string" ? row.article : "";
  if (!title && !article)
    return { summary: "", error: `ligne ${n} : "title" et "article" manquent` };
  return { summary: summarizeText(title, article, maxChars) };
}

function found(ctx: CliContext, id: number): StoredArticle {
  const a = ctx.app().articles.get(id);
  if (!a) {
    throw new CliError(`Article ${id} introuvable. Voir : npm run cli -- articles list`);
  }
  return a;
}

function listLine(a: StoredArticle, now: Date): string {
  const state = a.status === "draft" ? " [brouillon]" : a.publishedAt > now ? " [programmé]" : "";
  const day = a.publishedAt.toISOString().slice(0, 10);
  return `#${String(a.id).padStart(4)}  ${day}  ${a.title}${state}  (${a.categories.join(", ") || "sans rubrique"})`;
}

/** `import --dry-run [--json]`: every article the paths hold, cleaned and summarised, nothing stored. */
async function dryRun(ctx: CliContext, paths: string[], json: boolean): Promise<void> {
  const lines = await previewPaths(paths, { summaryMaxChars: ctx.config().summaryMaxChars });
  for (const line of lines) {
    if (json) ctx.out(JSON.stringify(line));
    else if (line.error) ctx.out(`  ✗ ${line.file} : ${line.error}`);
    else ctx.out(`  ✓ ${line.file} : ${line.title}`);
  }
  if (lines.some((l) => l.error)) process.exitCode = 1;
}
