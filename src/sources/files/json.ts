import type { ArticleInput } from "../../domain/article.ts";
import { ArticleFileError } from "./errors.ts";
import { type ArticleFields, fieldsToInput } from "./fields.ts";
import type { FileRead } from "./file-read.ts";

/** A `.json` file: one article object, or an array of them (each checked on its own). */
export function readJsonArticles(text: string, file: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ArticleFileError(file, `JSON invalide ${where(text, cause)}: corrigez la syntaxe`, {
      cause,
    });
  }
  const items = Array.isArray(data) ? data : [data];
  const inputs: ArticleInput[] = [];
  const problems: FileRead["problems"] = [];
  items.forEach((item, i) => {
    const origin = Array.isArray(data) ? `${file}[${i}]` : file;
    const result = fieldsToInput(item as ArticleFields, origin);
    if (typeof result === "string") problems.push({ origin, reason: result });
    else inputs.push(result);
  });
  if (items.length === 0) problems.push({ origin: file, reason: "tableau vide : aucun article" });
  return { inputs, problems };
}

/** "ligne 3, colonne 7" from V8's JSON error (it gives a character position). */
function where(text: string, cause: unknown): string {
  const message = (cause as Error).message;
  const pos = /position (\d+)/.exec(message);
  if (!pos?.[1]) return `(${message}) `;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `ligne ${line}, colonne ${column} (${message}) `;
}
