import { JSONParser } from "@streamparser/json";
import { ArticleFileError } from "./errors.ts";
import { type ArticleFields, fieldsToInput } from "./fields.ts";
import type { FileRead } from "./file-read.ts";

/**
 * Past this size a JSON file is parsed as a stream, a slice at a time with a turn of the event
 * loop in between: `JSON.parse` of a 32 MB export froze the running bot 0.5–1.5 s. Below it,
 * `JSON.parse` is faster and blocks a few milliseconds at most.
 */
const STREAM_FROM_CHARS = 1024 * 1024;
/** One slice of a streamed parse: ~10 ms of tokenizing on this machine. */
const SLICE_CHARS = 128 * 1024;

/** A `.json` file: one article object, or an array of them (each checked on its own). */
export async function readJsonArticles(text: string, file: string): Promise<FileRead> {
  const read: FileRead = { inputs: [], problems: [] };
  const add = (item: unknown, origin: string) => {
    const result = fieldsToInput(item as ArticleFields, origin);
    if (typeof result === "string") read.problems.push({ origin, reason: result });
    else read.inputs.push(result);
  };
  if (text.length < STREAM_FROM_CHARS) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw invalid(text, file, cause, /position (\d+)/.exec((cause as Error).message), false);
    }
    if (Array.isArray(data)) for (const [i, item] of data.entries()) add(item, `${file}[${i}]`);
    else add(data, file);
    if (Array.isArray(data) && data.length === 0) read.problems.push(emptyArray(file));
    return read;
  }
  const array = text.trimStart().startsWith("[");
  let count = 0;
  await streamValues(text, file, array ? "$.*" : "$", (value) => {
    add(value, array ? `${file}[${count}]` : file);
    count++;
  });
  if (array && count === 0) read.problems.push(emptyArray(file));
  return read;
}

/** Emits each value at `path` (`$` the root, `$.*` each element of a root array). */
async function streamValues(
  text: string,
  file: string,
  path: string,
  onValue: (value: unknown) => void,
): Promise<void> {
  const parser = new JSONParser({ paths: [path], keepStack: false });
  parser.onValue = ({ value }) => onValue(value);
  try {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + SLICE_CHARS, text.length);
      // Never cut a surrogate pair (an emoji) in two: each half would become U+FFFD.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
      // After the root value only white space may follow (the parser ends by itself there).
      if (parser.isEnded) {
        if (text.slice(start).trim() !== "") throw new Error("contenu après la fin du JSON");
        return;
      }
      parser.write(text.slice(start, end));
      start = end;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!parser.isEnded) parser.end();
  } catch (cause) {
    // The parser counts UTF-8 bytes ("absolute position 123").
    throw invalid(
      text,
      file,
      cause,
      /absolute position "?(\d+)/.exec((cause as Error).message),
      true,
    );
  }
}

function emptyArray(file: string) {
  return { origin: file, reason: "tableau vide : aucun article" };
}

function invalid(
  text: string,
  file: string,
  cause: unknown,
  position: RegExpExecArray | null,
  bytes: boolean,
): ArticleFileError {
  return new ArticleFileError(
    file,
    `JSON invalide ${where(text, cause, position?.[1], bytes)}: corrigez la syntaxe`,
    { cause },
  );
}

/** "ligne 3, colonne 7" from the parser's error (a character or a UTF-8 byte position). */
function where(text: string, cause: unknown, at: string | undefined, bytes: boolean): string {
  const message = (cause as Error).message;
  if (!at) return `(${message}) `;
  const before = bytes
    ? Buffer.from(text).subarray(0, Number(at)).toString("utf8")
    : text.slice(0, Number(at));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `ligne ${line}, colonne ${column} (${message}) `;
}
