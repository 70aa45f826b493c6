import { describe, expect, it } from "vitest";
import { ConsoleTransport, renderMarkup } from "../../src/transport/console.ts";
import { CHANNEL, type InboundMessage } from "../../src/transport/transport.ts";

describe("WhatsApp markup in a terminal", () => {
  it("renders bold, italic, strike-through and monospace as terminal styles", () => {
    expect(renderMarkup("*Dernières infos* _(Politique)_ ~faux~ ```code```", true)).toBe(
      "\x1b[1mDernières infos\x1b[22m \x1b[3m(Politique)\x1b[23m \x1b[9mfaux\x1b[29m \x1b[36mcode\x1b[39m",
    );
  });

  it("leaves markers alone where WhatsApp would: inside words, next to spaces, in arithmetic", () => {
    expect(renderMarkup("5 * 3 * 2 = 30", true)).toBe("5 * 3 * 2 = 30");
    expect(renderMarkup("snake_case_name", true)).toBe("snake_case_name");
    expect(renderMarkup("https://exemple-info.ml/a_b_c/", true)).toBe(
      "https://exemple-info.ml/a_b_c/",
    );
  });

  it("keeps the raw text when the output is not a terminal", () => {
    expect(renderMarkup("*gras* _italique_", false)).toBe("*gras* _italique_");
  });
});

describe("ConsoleTransport", () => {
  it("prints replies to the current chat, to other readers, and marks Channel posts", async () => {
    const out: string[] = [];
    const t = new ConsoleTransport({
      write: (s) => out.push(s),
      ansi: false,
      currentChat: () => "22370000000@c.us",
    });
    await t.start({ onMessage: () => {}, onStatus: () => {} });
    await t.send("22370000000@c.us", "*Bonjour*\nligne 2");
    await t.send("22370000001@c.us", "🔔 alerte");
    await t.send(CHANNEL, "*AES-Russie*");
    expect(out).toEqual([
      "bot → vous :\n  *Bonjour*\n  ligne 2\n",
      "bot → +22370000001 :\n  🔔 alerte\n",
      "📣 [Chaîne WhatsApp] publication :\n  *AES-Russie*\n",
    ]);
  });

  it("hands typed lines to the bot and resolves numbers and @lid ids", async () => {
    const received: InboundMessage[] = [];
    const t = new ConsoleTransport({
      write: () => {},
      ansi: false,
      lids: { "100000000000001@lid": "+22376000000" },
    });
    await t.start({ onMessage: (m) => void received.push(m), onStatus: () => {} });
    await t.receive("22370000000@c.us", "dernieres");
    expect(received[0]).toMatchObject({
      chatId: "22370000000@c.us",
      text: "dernieres",
      kind: "text",
      isGroup: false,
    });
    const phones = await t.resolvePhones(["22370000000@c.us", "100000000000001@lid", "5@lid"]);
    expect([...phones.values()]).toEqual(["+22370000000", "+22376000000", null]);
  });
});
