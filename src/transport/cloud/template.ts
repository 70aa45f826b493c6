/** What can fill a template's body parameters, taken from the message the bot composed. */
export type TemplateParam = "title" | "summary" | "link" | "text";

/** Meta refuses template parameters with line breaks, tabs or more than 4 spaces in a row. */
const MAX_PARAM_CHARS = 1000;

function flatten(text: string): string {
  const flat = text
    .replace(/[*_~`]+/g, "")
    .replace(/\s*\n\s*/g, " · ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_PARAM_CHARS ? `${flat.slice(0, MAX_PARAM_CHARS - 1).trimEnd()}…` : flat;
}

/**
 * The parts of an alert or digest text (title line first, summary, a link): what an approved
 * template's {{1}}, {{2}}… are filled with, in the order CLOUD_TEMPLATE_PARAMS names them.
 * An empty part becomes « — »: Meta refuses an empty parameter.
 */
export function templateParameters(text: string, params: readonly TemplateParam[]): string[] {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const links = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  const link = links.at(-1) ?? "";
  const title = lines[0] ?? "";
  const summary = lines.slice(1).filter((l) => !(link && l.includes(link)));
  const parts: Record<TemplateParam, string> = {
    title: flatten(title),
    summary: flatten(summary.join("\n")),
    link,
    text: flatten(text),
  };
  return params.map((p) => parts[p] || "—");
}

/** The `template` object of a Cloud API message (body parameters only). */
export function templatePayload(
  name: string,
  language: string,
  parameters: readonly string[],
): Record<string, unknown> {
  return {
    name,
    // "deterministic": the language asked, never a fallback (Meta's only policy).
    language: { code: language, policy: "deterministic" },
    ...(parameters.length > 0
      ? {
          components: [
            { type: "body", parameters: parameters.map((text) => ({ type: "text", text })) },
          ],
        }
      : {}),
  };
}
