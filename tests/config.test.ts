import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration from .env", () => {
  it("has safe defaults for an empty .env", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databasePath: "data/suivez.db",
      articlesDir: "data/articles",
      timeZone: "Africa/Bamako",
      language: "fr",
      summaryMaxChars: 280,
      editors: [],
      sending: { quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:00" },
    });
  });

  it("parses lists and treats empty values as unset", () => {
    const c = loadConfig({ EDITORS: "+22370000001, +22376000002", FEEDS: "", TZ: "" });
    expect(c.editors).toEqual(["+22370000001", "+22376000002"]);
    expect(c.feeds).toEqual([]);
    expect(c.timeZone).toBe("Africa/Bamako");
  });

  it("reads editors' numbers as people write them, and names a bad list once", () => {
    const c = loadConfig({
      EDITORS: "+223 70 00 00 09, +223-76-00-00-02;+225 07.08.09.10.11\n+22370000003 +22370000004",
    });
    expect(c.editors).toEqual([
      "+22370000009",
      "+22376000002",
      "+2250708091011",
      "+22370000003",
      "+22370000004",
    ]);
    let error: unknown;
    try {
      loadConfig({ EDITORS: "70000001, 70000002, 70000003" });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      "EDITORS=70000001, 70000002, 70000003 : numéros au format international, ex. +22370000000",
    ]);
  });

  it("names every wrong value with what to write instead", () => {
    let error: unknown;
    try {
      loadConfig({
        EDITORS: "70000001",
        TZ: "Afrique/Bamako",
        SEND_RATE_PER_MINUTE: "beaucoup",
        QUIET_HOURS: "22h-7h",
        WA_SEND_SEEN: "peut-être",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(
      /EDITORS=70000001 : numéros au format international, ex\. \+22370000000/,
    );
    expect(problems).toMatch(/TZ=Afrique\/Bamako : fuseau horaire IANA inconnu/);
    expect(problems).toMatch(/SEND_RATE_PER_MINUTE=beaucoup/);
    expect(problems).toMatch(/QUIET_HOURS=22h-7h : format HH:MM-HH:MM/);
    expect(problems).toMatch(/WA_SEND_SEEN=peut-être : écrivez true ou false/);
  });
});

describe("CHANNEL_INVITE (it goes into every alert as the Channel's link)", () => {
  it("takes the link or its code, and keeps the code", () => {
    const link = loadConfig({
      CHANNEL_INVITE: "https://whatsapp.com/channel/0029VaSuivezInfo0000000/",
    });
    expect(link.channel.invite).toBe("0029VaSuivezInfo0000000");
    expect(loadConfig({ CHANNEL_INVITE: " 0029VaSuivezInfo0000000 " }).channel.invite).toBe(
      "0029VaSuivezInfo0000000",
    );
  });

  it("refuses garbage with what to write instead", () => {
    for (const bad of [
      "javascript:alert(1)",
      "https://evil.example/channel/0029VaSuivezInfo0000000",
      "0029Va Suivez",
      "*gras* _et_ https://x.y",
      "0029Va\u202eofni",
    ]) {
      expect(() => loadConfig({ CHANNEL_INVITE: bad }), bad).toThrow(
        /CHANNEL_INVITE=.* : lien https:\/\/whatsapp\.com\/channel\//,
      );
    }
  });
});

describe(".env values written carelessly", () => {
  it("ignores spaces and a Windows CR around values, and the case of words", () => {
    const c = loadConfig({
      EDITORS: "+22370000009\r",
      TZ: " Africa/Abidjan\r",
      APPROVAL: "On ",
      LANGUAGE: "EN",
      LOG_LEVEL: "Debug",
      HTTP_HOST: "0.0.0.0 ",
      HTTP_PORT: " 8081\r",
    });
    expect(c).toMatchObject({ editors: ["+22370000009"], timeZone: "Africa/Abidjan" });
    expect(c).toMatchObject({
      approval: true,
      language: "en",
      http: { host: "0.0.0.0", port: 8081 },
    });
  });

  it("refuses numbers that are not plain digits, and a non-web SITE_URL, in French", () => {
    for (const [key, value] of [
      ["HTTP_PORT", "٨٠٨٠"],
      ["HTTP_PORT", "0x1F90"],
      ["SUMMARY_MAX_CHARS", "2e2"],
      ["SUMMARY_MAX_CHARS", "３００"],
      ["SEND_RATE_PER_MINUTE", "-1"],
    ] as const) {
      expect(() => loadConfig({ [key]: value }), value).toThrow(
        new RegExp(`${key}=${value} : un nombre entier entre \\d+ et \\d+, en chiffres`),
      );
    }
    expect(() => loadConfig({ LANGUAGE: "wolof" })).toThrow(/LANGUAGE=wolof : écrivez fr ou en/);
    expect(() => loadConfig({ SITE_URL: "javascript:alert(1)" })).toThrow(
      /SITE_URL=javascript:alert\(1\) : adresse web complète attendue/,
    );
  });
});
