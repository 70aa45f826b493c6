import { splitSentences } from "./sentences.ts";

export interface SummaryInput {
  title: string;
  paragraphs: readonly string[];
}
export interface SummaryOptions {
  maxChars: number;
}

/** A short extractive summary: 1–2 sentences of the article, verbatim, at most maxChars. */
export function summarize(input: SummaryInput, options: SummaryOptions): string {
  const sentences = input.paragraphs.flatMap(splitSentences);
  let out = sentences[0] ?? input.title;
  const second = sentences[1];
  if (second !== undefined && out.length + 1 + second.length <= options.maxChars)
    out += ` ${second}`;
  return out.slice(0, options.maxChars);
}
