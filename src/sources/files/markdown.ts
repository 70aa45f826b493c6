import { Marked } from "marked";
import { parse as parseYaml } from "yaml";
import { ArticleFileError } from "./errors.ts";
import { type ArticleFields, fieldsToInput } from "./fields.ts";
import type { FileRead } from "./file-read.ts";

/**
 * Front matter: a first line of exactly `---`, YAML, then a closing `---` (or `...`) line.
 * Only YAML is read, as data: an opening such as `---js` or `---coffee` (which gray-matter
 * evaluated as code) is refused, never run.
 */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)(?:^|\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const OTHER_ENGINE = /^\uFEFF?---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/;

/** A `.md` file: YAML front matter for the fields, Markdown for the body. */
export function readMarkdownArticle(text: string, file: string): FileRead {
  const engine = OTHER_ENGINE.exec(text);
  if (engine) {
    throw new ArticleFileError(
      file,
      `en-tête « ---${engine[1]} » refusé : seul un en-tête YAML est lu (première ligne « --- » seule)`,
    );
  }
  let fields: ArticleFields = {};
  let body = text;
  const head = FRONT_MATTER.exec(text);
  if (head) {
    let data: unknown;
    try {
      data = parseYaml(head[1] ?? "", {
        schema: "core",
        customTags: ["timestamp"],
        maxAliasCount: 100,
        logLevel: "error",
      });
    } catch (cause) {
      throw new ArticleFileError(
        file,
        `en-tête YAML invalide (${(cause as Error).message.split("\n")[0]}) : corrigez le bloc --- du début`,
        { cause },
      );
    }
    if (data !== null && data !== undefined) {
      if (typeof data !== "object" || Array.isArray(data)) {
        throw new ArticleFileError(
          file,
          "en-tête YAML invalide : il doit être une liste de champs « clé: valeur » (title: …)",
        );
      }
      fields = data as ArticleFields;
    }
    body = text.slice(head[0].length);
  }
  let title = fields.title;
  // No title in front matter: a leading "# Title" line is the title.
  if (title === undefined) {
    const h1 = /^\s*#\s+(.+)\s*$/m.exec(body);
    if (h1?.[1]) {
      title = h1[1];
      body = body.replace(h1[0], "");
    }
  }
  if (!head && title === undefined) {
    // A README or notes file in the articles folder, not an article.
    return {
      inputs: [],
      problems: [],
      notes: [
        "ignoré : ni en-tête YAML (---) ni titre « # … » ; ajoutez-en un si c'est un article",
      ],
    };
  }
  const html = new Marked({ async: false }).parse(body) as string;
  const result = fieldsToInput({ ...fields, title }, file, { html });
  if (typeof result === "string")
    return { inputs: [], problems: [{ origin: file, reason: result }] };
  return { inputs: [result], problems: [] };
}
