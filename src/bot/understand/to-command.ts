import type { ReaderCommandName } from "../command-names.ts";
import { parseReader, type ReaderParse } from "../parse.ts";
import type { Reading } from "./intents.ts";

const NAMES: Record<string, ReaderCommandName> = {
  menu: "menu",
  latest: "latest",
  read: "read",
  search: "search",
  topics: "topics",
  follow: "follow",
  unfollow: "unfollow",
  subscribe: "subscribe",
  stop: "stop",
  mode: "mode",
  language: "language",
  "my-data": "mydata",
  erase: "erase",
  thanks: "thanks",
};

/**
 * The reader command an understanding stands for, with its arguments written as the command
 * handlers read them. Nothing understood: the old parser may still suggest a close command
 * ("Vouliez-vous dire…"), never run one.
 */
export function toCommand(reading: Reading, text: string): ReaderParse {
  const u = reading.understood;
  // Today's parser keeps what a handler must refuse with its own advice: "dernières -5",
  // "lire 99999999999999999999", "mode quotidien 25:00", a command word alone ("suivre").
  const old = parseReader(text);
  const oldArgs = old.type === "command" ? old.args : "";
  const command = (name: ReaderCommandName, args = ""): ReaderParse => ({
    type: "command",
    name,
    args,
    corrected: reading.corrected,
    english: reading.english,
  });
  switch (u.intent) {
    case "choice":
      return { type: "number", value: String(u.n) };
    case "latest": {
      const signed = /^[-+−]?\d+/.exec(oldArgs)?.[0];
      if (old.type === "command" && old.name === "latest" && signed && Number(signed) !== u.count) {
        return old;
      }
      return command("latest", [u.count ?? "", u.rubric ?? ""].join(" ").trim());
    }
    case "read":
      if (!Number.isSafeInteger(u.n) && old.type === "command") return old;
      return command("read", String(u.n));
    case "search":
      return command("search", u.query);
    case "follow":
    case "subscribe":
      return command(u.intent, u.rubrics.join(", "));
    case "unfollow":
      return command("unfollow", u.rubrics === "all" ? "" : u.rubrics.join(", "));
    case "mode":
      if (u.mode === "daily" && u.time === null && old.type === "command" && /\d/.test(oldArgs)) {
        return old;
      }
      return command("mode", u.mode === "instant" ? "instant" : `quotidien ${u.time ?? ""}`.trim());
    case "language":
      return command("language", u.language);
    case "tip":
      // Handled before the reader commands (src/bot/reader/tips.ts); nothing to run here.
      return { type: "unknown" };
    case "unknown":
      // A long run of digits alone: the screen decides (the menu says "pick 1 to 6").
      if (old.type === "suggest" || old.type === "empty" || old.type === "number") return old;
      // A command word alone gets that command's own advice ("suivre" → which rubric?).
      if (old.type === "command" && old.args === "" && !old.corrected) return old;
      return { type: "unknown" };
    default:
      return command(NAMES[u.intent] ?? "menu");
  }
}
