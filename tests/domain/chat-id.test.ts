import { describe, expect, it } from "vitest";
import { chatIdOf, normalisePhone, phoneOfChatId } from "../../src/domain/chat-id.ts";

describe("phone numbers and chat ids", () => {
  it("turns E.164 numbers and WhatsApp ids into a chat id, nothing else", () => {
    expect(chatIdOf("+223 70 12 34 56")).toBe("22370123456@c.us");
    expect(chatIdOf("22370123456@c.us")).toBe("22370123456@c.us");
    expect(chatIdOf("128450937261544@lid")).toBe("128450937261544@lid");
    expect(chatIdOf("120363025561234567@g.us")).toBeNull();
    expect(chatIdOf("Moussa")).toBeNull();
    expect(chatIdOf("0712345678")).toBeNull(); // a national number: the country code is missing
  });

  it("reads a number as people type it", () => {
    expect(normalisePhone("+223 70 00 00 00")).toBe("+22370000000");
    expect(normalisePhone("(+221) 77-123.45.67".replace(".", " "))).toBe("+221771234567");
    expect(normalisePhone("22370000000@c.us")).toBe("+22370000000");
    expect(normalisePhone("12345")).toBeNull(); // too short
    expect(normalisePhone("1234567890123456")).toBeNull(); // over E.164's 15 digits
    expect(normalisePhone("+223 70 abc")).toBeNull();
  });

  it("gives the number behind a person's chat id only", () => {
    expect(phoneOfChatId("22370000000@c.us")).toBe("+22370000000");
    expect(phoneOfChatId("128450937261544@lid")).toBeNull();
    expect(phoneOfChatId("120363025561234567@g.us")).toBeNull();
    expect(phoneOfChatId("status@broadcast")).toBeNull();
  });
});
