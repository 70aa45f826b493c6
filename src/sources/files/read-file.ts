import fs from "node:fs/promises";
import path from "node:path";
import { printable } from "../../lib/printable.ts";
import { decodeText } from "./decode.ts";
import { ArticleFileError } from "./errors.ts";
import type { FileRead } from "./file-read.ts";
import { readJsonArticles } from "./json.ts";
import { readMarkdownArticle } from "./markdown.ts";
import { readHtmlPage, readTextPage } from "./page.ts";

export type { FileRead } from "./file-read.ts";

export const ARTICLE_EXTENSIONS = [".json", ".md", ".markdown", ".txt", ".html", ".htm"];

/** A single article page is small; a JSON export may hold many articles. */
const MAX_BYTES = { json: 32 * 1024 * 1024, other: 2 * 1024 * 1024 };

/** Reads one article file of any supported kind. Throws ArticleFileError for a bad file. */
export async function readArticleFile(file: string): Promise<FileRead> {
  const ext = path.extname(file).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext)) {
    throw new ArticleFileError(
      file,
      `extension « ${ext || "(aucune)"} » non prise en charge : utilisez ${ARTICLE_EXTENSIONS.join(", ")}`,
    );
  }
  const max = ext === ".json" ? MAX_BYTES.json : MAX_BYTES.other;
  const stat = await fs.stat(file);
  if (stat.size > max) {
    throw new ArticleFileError(
      file,
      `fichier trop gros (${mb(stat.size)} Mo, limite ${mb(max)} Mo) : un article tient en quelques centaines de Ko, vérifiez le fichier`,
    );
  }
  if (stat.size === 0) throw new ArticleFileError(file, "fichier vide");
  const text = decodeText(await fs.readFile(file), file);
  return printableOrigins(read(ext, text, file));
}

function read(ext: string, text: string, file: string): FileRead {
  switch (ext) {
    case ".json":
      return readJsonArticles(text, file);
    case ".md":
    case ".markdown":
      return readMarkdownArticle(text, file);
    case ".html":
    case ".htm":
      return readHtmlPage(text, file);
    default:
      return readTextPage(text, file);
  }
}

/**
 * A file name is whatever bytes someone gave it: an ANSI escape in it would recolour or clear
 * the operator's terminal when the import is reported. Origins are kept escaped (printable).
 */
function printableOrigins(read: FileRead): FileRead {
  for (const input of read.inputs) input.origin = printable(input.origin);
  for (const problem of read.problems) {
    problem.origin = printable(problem.origin);
    problem.reason = printable(problem.reason);
  }
  return read;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(".", ",");
}
