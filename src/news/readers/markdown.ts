import matter from "gray-matter";
import { Marked } from "marked";
import { ArticleFileError } from "./errors.ts";
import { type ArticleFields, fieldsToInput } from "./fields.ts";
import type { FileRead } from "./read-file.ts";

/** A `.md` file: YAML front matter for the fields, Markdown for the body. */
export function readMarkdownArticle(text: string, file: string): FileRead {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object stops gray-matter from caching by content across calls.
    parsed = matter(text, {});
  } catch (cause) {
    throw new ArticleFileError(
      file,
      `en-tête YAML invalide (${(cause as Error).message.split("\n")[0]}) : corrigez le bloc --- du début`,
      { cause },
    );
  }
  const fields = parsed.data as ArticleFields;
  let body = parsed.content;
  let title = fields.title;
  // No title in front matter: a leading "# Title" line is the title.
  if (title === undefined) {
    const h1 = /^\s*#\s+(.+)\s*$/m.exec(body);
    if (h1?.[1]) {
      title = h1[1];
      body = body.replace(h1[0], "");
    }
  }
  const html = new Marked({ async: false }).parse(body) as string;
  const result = fieldsToInput({ ...fields, title }, file, { html });
  if (typeof result === "string")
    return { inputs: [], problems: [{ origin: file, reason: result }] };
  return { inputs: [result], problems: [] };
}
