import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { printable } from "../../lib/printable.ts";
import { decodeTextInSlices } from "./decode.ts";
import { ArticleFileError } from "./errors.ts";
import type { FileRead } from "./file-read.ts";
import { readJsonArticles } from "./json.ts";
import { readMarkdownArticle } from "./markdown.ts";
import { looksLikeHtml, readTextPage } from "./text-page.ts";

export type { FileRead } from "./file-read.ts";

export const ARTICLE_EXTENSIONS = [".json", ".md", ".markdown", ".txt", ".html", ".htm"];

/** A single article page is small; a JSON export may hold many articles. */
const MAX_BYTES = { json: 32 * 1024 * 1024, other: 2 * 1024 * 1024 };

/** Reads one article file of any supported kind. Throws ArticleFileError for a bad file. */
export async function readArticleFile(
  file: string,
  options: { now?: Date } = {},
): Promise<FileRead> {
  // A saved page may be gzipped (« page.html.gz »): read as the page inside.
  const gzipped = /\.gz$/i.test(file);
  const ext = path.extname(gzipped ? file.slice(0, -3) : file).toLowerCase();
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
  const text = await decodeTextInSlices(
    gzipped ? gunzip(await fs.readFile(file), file, max) : await fs.readFile(file),
    file,
  );
  return printableOrigins(await read(ext, text, file, options.now ?? new Date()));
}

async function read(ext: string, text: string, file: string, now: Date): Promise<FileRead> {
  switch (ext) {
    case ".json":
      return readJsonArticles(text, file);
    case ".md":
    case ".markdown":
      return readMarkdownArticle(text, file);
    case ".html":
    case ".htm":
      return (await htmlPages()).readHtmlPage(text, file);
    default:
      if (looksLikeHtml(text)) return (await htmlPages()).readHtmlPage(text, file);
      return readTextPage(text, file, { now });
  }
}

/**
 * The HTML reader, loaded on first use: linkedom and Readability cost ~40 MB of memory, which a
 * read worker that prepares JSON articles never needs.
 */
const htmlPages = () => import("./html-page.ts");

/** Inflates a .gz file, refusing one that inflates past the size limit (a gzip bomb). */
function gunzip(bytes: Buffer, file: string, max: number): Buffer {
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: max });
  } catch (cause) {
    const tooBig = (cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw new ArticleFileError(
      file,
      tooBig
        ? `fichier .gz trop gros une fois décompressé (limite ${mb(max)} Mo) : vérifiez le fichier`
        : "fichier .gz illisible : décompressez-le ou exportez la page à nouveau",
      { cause },
    );
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
