import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { loadRubricLexicon, SYNONYMS_FILE } from "../../bot/understand/synonyms.ts";
import { Understander } from "../../bot/understand/understand.ts";
import { type CliContext, CliError } from "./context.ts";

/** One input line: `{"text": …}` (other fields ignored), or a line of plain text. */
function textOf(line: string, lineNo: number): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return line;
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new CliError(`ligne ${lineNo} : JSON invalide`, {
      hint: 'une ligne par message, par exemple {"text": "stop"}',
    });
  }
  const text = (data as { text?: unknown }).text;
  if (typeof text !== "string") {
    throw new CliError(`ligne ${lineNo} : champ « text » manquant ou non textuel`, {
      hint: 'une ligne par message, par exemple {"text": "stop"}',
    });
  }
  return text;
}

/**
 * `understand --jsonl <file|->`: what the bot makes of each message, one JSON line per input
 * line, in order, in the schema of the utterance data set. No screen context: a bare number
 * is a `choice`.
 */
export function registerUnderstandCommand(program: Command, ctx: CliContext): void {
  program
    .command("understand")
    .description("ce que le bot comprend de chaque message (JSON lines en entrée et en sortie)")
    .requiredOption(
      "--jsonl <fichier>",
      'fichier JSON lines ({"text": …} par ligne), ou - pour stdin',
    )
    .action(async (options: { jsonl: string }) => {
      const lexicon = loadRubricLexicon(path.join(ctx.config().dataDir, SYNONYMS_FILE));
      const understander = new Understander(lexicon);
      const input =
        options.jsonl === "-"
          ? process.stdin
          : createReadStream(options.jsonl, { encoding: "utf8" });
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      let lineNo = 0;
      try {
        for await (const line of lines) {
          lineNo += 1;
          if (line.trim() === "") continue;
          const text = textOf(line, lineNo);
          const u = understander.understand(text);
          // The data set's queries are lowercased; the bot itself echoes the reader's case.
          const shown = u.intent === "search" ? { ...u, query: u.query.toLowerCase() } : u;
          ctx.out(JSON.stringify({ text, ...shown }));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          throw new CliError(`fichier introuvable : ${options.jsonl}`, {
            hint: "donnez le chemin d'un fichier JSON lines, ou - pour lire l'entrée standard",
          });
        }
        throw error;
      }
    });
}
