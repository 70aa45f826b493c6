import { editDistance, typoBudget } from "../lib/distance.ts";
import { fold } from "../lib/fold.ts";
import {
  EDITOR_COMMANDS,
  type EditorCommandName,
  ENGLISH_ALIASES,
  READER_COMMANDS,
  type ReaderCommandName,
} from "./command-names.ts";

/** One word of a message: as written, and folded for comparison. */
export interface Token {
  raw: string;
  key: string;
  /** Where the word ends in the message: what follows is the command's arguments. */
  end: number;
}

export type ReaderParse =
  | { type: "empty" }
  | { type: "number"; value: string }
  | {
      type: "command";
      name: ReaderCommandName;
      /** The rest of the message, as written (spacing inside kept). */
      args: string;
      /** Whether a typo was corrected to get here. */
      corrected: boolean;
      /** Written with an English-only spelling ("latest", "subscribe"). */
      english?: boolean;
    }
  | { type: "suggest"; names: ReaderCommandName[] }
  | { type: "unknown" };

export type EditorParse =
  | { type: "editor"; name: EditorCommandName; args: string; word: string }
  | { type: "editor-suggest"; name: EditorCommandName; alias: string; word: string }
  | { type: "editor-unknown"; word: string };

/** Removes NUL and other control characters (keeping line breaks and tabs as spaces). */
export function sanitize(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      // Control and invisible formatting characters (NUL, zero-width, bidi overrides) carry
      // no words; line breaks stay.
      .replace(/(?![\n])[\p{Cc}\p{Cf}]/gu, "")
      .trim()
  );
}

/** Splits a message into words, each folded and stripped of surrounding punctuation. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const raw = match[0];
    let key = fold(raw).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (key === "" && raw.includes("?")) key = "?";
    tokens.push({ raw, key, end: (match.index ?? 0) + raw.length });
  }
  return tokens;
}

/** What follows the command's words; punctuation alone ("bonjour !") is no argument. */
function rest(text: string, tokens: Token[], consumed: number): string {
  const last = tokens[consumed - 1];
  const args = consumed === 0 ? text.trim() : last ? text.slice(last.end).trim() : "";
  return /[\p{L}\p{N}]/u.test(args) ? args : "";
}

/**
 * Reads a reader's message as a command: exact aliases first (the longest wins, so
 * "supprimer mes données" beats "mes données"), then a bare number, then typo tolerance —
 * one typo runs a safe command, more (or a risky command) only gets a suggestion.
 */
export function parseReader(input: string): ReaderParse {
  // Readers sometimes copy an editor's "/" habit: "/menu" means "menu".
  const text = sanitize(input).replace(/^\/+/, "");
  const tokens = tokenize(text);
  const keys = tokens.map((t) => t.key);
  if (keys.every((k) => k === "")) return { type: "empty" };

  const numberMatch = /^(?:n°|no|#)?\s*(\d+)[.)]?$/i.exec(text);
  if (numberMatch?.[1]) return { type: "number", value: numberMatch[1] };

  let best: {
    name: ReaderCommandName;
    words: number;
    implied: string | undefined;
    alias: string;
  } | null = null;
  for (const spec of READER_COMMANDS) {
    for (const alias of spec.aliases) {
      const words = alias.split(" ").length;
      if (words > keys.length || (best && words <= best.words)) continue;
      if (keys.slice(0, words).join(" ") === alias) {
        best = { name: spec.name, words, implied: spec.implied?.[alias], alias };
      }
    }
  }
  if (best) {
    const args = rest(text, tokens, best.words);
    return {
      type: "command",
      name: best.name,
      args: best.implied ? `${best.implied} ${args}`.trim() : args,
      corrected: false,
      english: ENGLISH_ALIASES.has(best.alias),
    };
  }

  // "lire2", "dernieres5": a command glued to its number.
  const glued = /^([\p{L}']+?)(\d+)$/u.exec(keys[0] ?? "");
  if (glued?.[1] && glued[2]) {
    const word = glued[1];
    const spec = READER_COMMANDS.find((s) => s.aliases.includes(word));
    if (spec) {
      return {
        type: "command",
        name: spec.name,
        args: `${glued[2]} ${rest(text, tokens, 1)}`.trim(),
        corrected: false,
      };
    }
  }

  let closest = Number.POSITIVE_INFINITY;
  let matches: { name: ReaderCommandName; words: number; autocorrect: boolean }[] = [];
  for (const spec of READER_COMMANDS) {
    for (const alias of spec.aliases) {
      const words = alias.split(" ").length;
      if (words > keys.length) continue;
      const candidate = keys.slice(0, words).join(" ");
      // The budget follows the shorter word: "stp" (s'il te plaît) is not a typo of "stop".
      const budget = typoBudget(Math.min(candidate.length, alias.length));
      if (budget === 0) continue;
      const d = editDistance(candidate, alias, budget);
      if (d > budget) continue;
      if (d < closest) {
        closest = d;
        matches = [];
      }
      if (d === closest) matches.push({ name: spec.name, words, autocorrect: spec.autocorrect });
    }
  }
  const names = [...new Set(matches.map((m) => m.name))];
  const only = matches[0];
  if (names.length === 1 && only && closest === 1 && matches.every((m) => m.autocorrect)) {
    return {
      type: "command",
      name: only.name,
      args: rest(text, tokens, Math.max(...matches.map((m) => m.words))),
      corrected: true,
    };
  }
  if (names.length > 0) return { type: "suggest", names: names.slice(0, 2) };
  return { type: "unknown" };
}

/** Reads an editor command (`/publier 12`); null when the message does not start with `/`. */
export function parseEditor(input: string): EditorParse | null {
  const text = sanitize(input);
  if (!text.startsWith("/")) return null;
  const tokens = tokenize(text.slice(1));
  const word = tokens[0]?.key ?? "";
  const args = rest(text.slice(1), tokens, 1);
  for (const spec of EDITOR_COMMANDS) {
    if (spec.aliases.includes(word)) return { type: "editor", name: spec.name, args, word };
  }
  let found: { name: EditorCommandName; alias: string; d: number } | null = null;
  for (const spec of EDITOR_COMMANDS) {
    for (const alias of spec.aliases) {
      const budget = typoBudget(Math.min(word.length, alias.length));
      const d = editDistance(word, alias, budget);
      if (d <= budget && budget > 0 && (!found || d < found.d))
        found = { name: spec.name, alias, d };
    }
  }
  if (found) return { type: "editor-suggest", name: found.name, alias: found.alias, word };
  return { type: "editor-unknown", word };
}
