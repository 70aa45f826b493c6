/**
 * Thousands of random inbound messages from many senders, some posing as editors (editor
 * commands from strangers, numbers one digit off an editor's, `@lid` ids that resolve to
 * nobody or to a look-alike number): the scenario behind the CI test and `npm run soak`.
 * The bot runs over the real store and the real delivery backend, so an accepted editor
 * action would leave a broadcast, a pause or an audit row "ok".
 */
import { openApp } from "../../../src/app/services.ts";
import { createBot, type HandleOutcome } from "../../../src/bot/bot.ts";
import { loadConfig } from "../../../src/config.ts";
import { Ingest } from "../../../src/ingest/ingest.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { seededRandom } from "../../../src/lib/random.ts";
import { silentLogger } from "../../../src/log.ts";
import { MAX_MESSAGE_CHARS } from "../../../src/messages/markup.ts";
import { MemoryTransport } from "../../../src/transport/memory.ts";
import type { InboundMessage } from "../../../src/transport/transport.ts";
import { EDITOR, EDITOR_LID, EDITOR_PHONE, MORE, SEED } from "../../support/bot.ts";
import { unbalancedMarkup } from "../helpers.ts";

export interface StormOptions {
  messages: number;
  senders: number;
  seed: number;
}

export interface StormReport {
  messages: number;
  outcomes: Partial<Record<HandleOutcome, number>>;
  replies: number;
  longestReply: number;
  /** Editor commands sent by non-editors, and the refusals the audit recorded. */
  posing: number;
  refusals: number;
  /** Editor actions the real editor got done (proves the editor path is live). */
  editorActions: number;
  problems: string[];
}

/** Numbers one slip away from the editor's +22376000000, and ids WhatsApp could show. */
function lookAlikes(): { ids: string[]; phones: Record<string, string | null> } {
  const digits = EDITOR_PHONE.slice(1);
  const ids: string[] = [];
  for (let i = 3; i < digits.length; i++) {
    const d = digits.charAt(i);
    ids.push(`${digits.slice(0, i)}${(Number(d) + 1) % 10}${digits.slice(i + 1)}@c.us`);
  }
  ids.push(
    `${digits.slice(0, -1)}@c.us`,
    `${digits}0@c.us`,
    `00${digits}@c.us`,
    `+${digits}@c.us`,
    `${digits}@s.whatsapp.net`,
    `${digits}@g.us`,
    `${digits}@lid`,
    ` ${digits}@c.us`,
  );
  const phones: Record<string, string | null> = {};
  for (let i = 0; i < 20; i++) {
    // Linked ids that resolve to a look-alike number, to garbage, or to nothing at all.
    const lid = `${String(900000000000000 + i * 7919)}@lid`;
    phones[lid] =
      [`+${digits.slice(0, -1)}${i % 10}`, "+2237600000", "inconnu", null][i % 4] ?? null;
    if (phones[lid] === EDITOR_PHONE) phones[lid] = null;
    ids.push(lid);
  }
  return { ids, phones };
}

const EDITOR_TEXTS = [
  "/publier 1",
  "/publier 2",
  "/publier #3",
  "/PUBLIER 1",
  "/ publier 1",
  "／publier 1",
  "/publer 1",
  "/publish 4",
  "/alerte Coup d'État à Bamako, restez chez vous",
  "/alerte",
  "/urgent Fausse alerte",
  "/alert test",
  "/pause",
  "/Pause",
  "/pausé",
  "/reprendre",
  "/resume",
  "/stats",
  "/apercu 1",
  "/preview 2",
  "/aide",
  "/",
  "//pause",
  "/pause\u200b",
  "\u202e/pause",
  "/publier 1 OR 1=1",
  "/publier 99999999999999999999",
];

const READER_TEXTS = [
  "menu",
  "aide",
  "help",
  "dernières",
  "dernieres 3 politique",
  "latest 5",
  "lire 1",
  "read 2",
  "1",
  "4",
  "99",
  "chercher sahel russie",
  "search cotton",
  'chercher "',
  "rubriques",
  "suivre politique",
  "ne plus suivre sport",
  "abonner",
  "stop",
  "mode quotidien",
  "mode instantané",
  "langue en",
  "langue fr",
  "mes données",
  "supprimer mes données",
  "merci",
  "👍",
  "",
];

/** A random text: editor commands, reader commands, or noise of any length and script. */
function randomText(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const r = random();
  if (r < 0.35) return pick(EDITOR_TEXTS);
  if (r < 0.7) return pick(READER_TEXTS);
  const length =
    random() < 0.02 ? 4_000 + Math.floor(random() * 2_000) : Math.floor(random() * 120);
  const ranges = [
    [0x20, 0x7e],
    [0xc0, 0x17f],
    [0x600, 0x6ff],
    [0x0, 0x1f],
    [0x2000, 0x206f],
    [0x1f300, 0x1f64f],
  ] as const;
  let text = "";
  for (let i = 0; i < length; i++) {
    const [from, to] = pick(ranges);
    text += String.fromCodePoint(from + Math.floor(random() * (to - from + 1)));
  }
  return text;
}

/** Sends the storm through the bot and checks that no editor action got through. */
export async function inboundStorm(options: StormOptions): Promise<StormReport> {
  const random = seededRandom(options.seed);
  const clock = new ManualClock("2025-04-03T09:00:00Z");
  const log = silentLogger();
  const config = loadConfig({
    DATABASE_PATH: ":memory:",
    EDITORS: EDITOR_PHONE,
    CHANNEL_ID: "120363000000000000@newsletter",
  });
  const app = openApp(config, { clock, log });
  const ingest = new Ingest({ articles: app.articles, clock, log, summaryMaxChars: 280 });
  await ingest.importPaths([SEED, MORE]);
  const { ids, phones } = lookAlikes();
  const transport = new MemoryTransport({ phones: { ...phones, [EDITOR_LID]: EDITOR_PHONE } });
  const bot = createBot(app, { backend: app.delivery.desk, transport, via: "whatsapp" });

  const senders = [...ids];
  for (let i = 0; senders.length < options.senders; i++) {
    senders.push(`2237${String(1_000_000 + i * 37).padStart(7, "0")}@c.us`);
  }
  const problems: string[] = [];
  const outcomes: Partial<Record<HandleOutcome, number>> = {};
  let posing = 0;
  let editorMessages = 0;
  for (let n = 0; n < options.messages; n++) {
    // One message in a hundred is the real editor (by number or linked id) checking on things.
    const isEditor = random() < 0.01;
    const sender = isEditor
      ? random() < 0.5
        ? EDITOR
        : EDITOR_LID
      : (senders[Math.floor(random() * senders.length)] as string);
    const text = isEditor
      ? (["/stats", "/apercu 1", "/aide", "/apercu 404"][n % 4] as string)
      : randomText(random);
    if (!isEditor && text.trimStart().startsWith("/")) posing++;
    if (isEditor) editorMessages++;
    const message: InboundMessage = {
      // Now and then WhatsApp delivers the same message twice.
      id: random() < 0.02 && n > 0 ? `storm-${n - 1}` : `storm-${n}`,
      chatId: sender,
      senderId: sender,
      text,
      kind: random() < 0.03 ? "media" : "text",
      isGroup: sender.endsWith("@g.us") || random() < 0.01,
      timestamp: clock.now(),
    };
    try {
      const outcome = await bot.handle(message);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (outcome === "failed") problems.push(`message ${n} failed: ${JSON.stringify(text)}`);
    } catch (error) {
      problems.push(`message ${n} threw: ${(error as Error).message}`);
    }
    clock.advance(Math.floor(random() * 20_000));
  }

  const replies = app.db.prepare("SELECT kind, body FROM outbox").all() as {
    kind: string;
    body: string;
  }[];
  let longestReply = 0;
  for (const { kind, body } of replies) {
    if (kind !== "reply") problems.push(`a ${kind} was queued: ${body.slice(0, 80)}`);
    if (body.length === 0) problems.push("an empty reply");
    if (body.length > MAX_MESSAGE_CHARS) problems.push(`a reply of ${body.length} characters`);
    const markup = unbalancedMarkup(body);
    if (markup.length > 0) problems.push(`unbalanced markup in a reply: ${markup[0]}`);
    longestReply = Math.max(longestReply, body.length);
  }
  const count = (sql: string) => app.db.prepare(sql).pluck().get() as number;
  if (count("SELECT count(*) FROM broadcasts") > 0) problems.push("a broadcast was created");
  if (app.settings.isPaused()) problems.push("sending was paused");
  const accepted = app.db
    .prepare("SELECT actor, action, outcome FROM audit WHERE outcome != 'refused'")
    .all() as { actor: string; action: string; outcome: string }[];
  for (const row of accepted) {
    if (row.actor !== EDITOR_PHONE || !["stats", "preview", "help"].includes(row.action)) {
      problems.push(`accepted editor action: ${JSON.stringify(row)}`);
    }
  }
  if (editorMessages > 0 && accepted.length === 0) problems.push("the real editor was refused");
  const refusals = count("SELECT count(*) FROM audit WHERE outcome = 'refused'");
  app.close();
  return {
    messages: options.messages,
    outcomes,
    replies: replies.length,
    longestReply,
    posing,
    refusals,
    editorActions: accepted.length,
    problems,
  };
}
