import type { Block } from "../domain/article.ts";

const months: Record<string, number> = {
  janvier: 0,
  fevrier: 1,
  février: 1,
  mars: 2,
  avril: 3,
  mai: 4,
  juin: 5,
  juillet: 6,
  aout: 7,
  août: 7,
  septembre: 8,
  octobre: 9,
  novembre: 10,
  decembre: 11,
  décembre: 11,
};

// "Moscou, 2 avril 2025 – ", "BAMAKO, le 1er mars 2024 (AFP) - ", "Dakar, 12 juin 2023 : "
const datelinePattern =
  /^((\p{Lu}[\p{L}'’. -]{1,40}?),\s+(?:le\s+)?(\d{1,2})(?:er)?\s+(\p{L}+)\s+(\d{4}))\s*(?:\((?:AFP|APS|Reuters|AP|ANP|AIP|MAP|APA)\)\s*)?[-–—:]\s+/u;

export interface Dateline {
  /** As written: "Moscou, 2 avril 2025". */
  text: string;
  /** The day it names, at noon UTC (the hour is not in a dateline). */
  date: Date | null;
}

/** Finds the dateline that opens the first paragraph and removes it from the text. */
export function extractDateline(blocks: readonly Block[]): {
  dateline: Dateline | null;
  blocks: Block[];
} {
  const index = blocks.findIndex((b) => b.kind === "paragraph");
  const first = blocks[index];
  if (first?.kind !== "paragraph") return { dateline: null, blocks: [...blocks] };
  const m = datelinePattern.exec(first.text);
  const rest = m ? first.text.slice(m[0].length).trim() : "";
  if (!m?.[1] || rest.length === 0) return { dateline: null, blocks: [...blocks] };
  const month = months[(m[4] ?? "").toLowerCase()];
  const date =
    month === undefined ? null : new Date(Date.UTC(Number(m[5]), month, Number(m[3]), 12));
  const text = m[1].replace(/\s+/g, " ");
  const out = [...blocks];
  out[index] = { kind: "paragraph", text: rest.charAt(0).toUpperCase() + rest.slice(1) };
  return {
    dateline: { text, date: date && !Number.isNaN(date.getTime()) ? date : null },
    blocks: out,
  };
}
