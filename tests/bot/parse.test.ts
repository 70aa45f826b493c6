import { describe, expect, it } from "vitest";
import { parseEditor, parseReader, sanitize } from "../../src/bot/parse.ts";
import { editDistance } from "../../src/lib/distance.ts";

const command = (text: string) => {
  const p = parseReader(text);
  return p.type === "command"
    ? `${p.name}${p.args ? ` [${p.args}]` : ""}${p.corrected ? " (corrigé)" : ""}`
    : p.type;
};

describe("reading a reader's command", () => {
  it("understands French and English, whatever the case and accents", () => {
    expect(command("dernières")).toBe("latest");
    expect(command("DERNIERES")).toBe("latest");
    expect(command("Dernières 3 politique")).toBe("latest [3 politique]");
    expect(command("latest 5")).toBe("latest [5]");
    expect(command("lire 2")).toBe("read [2]");
    expect(command("READ 2")).toBe("read [2]");
    expect(command("Chercher Sahel Russie")).toBe("search [Sahel Russie]");
    expect(command("rubriques")).toBe("topics");
    expect(command("topics")).toBe("topics");
    expect(command("S'abonner")).toBe("subscribe");
    expect(command("m’abonner")).toBe("subscribe");
    expect(command("Désabonner")).toBe("stop");
    expect(command("STOP")).toBe("stop");
    expect(command("unsubscribe")).toBe("stop");
    expect(command("mode instantané")).toBe("mode [instantané]");
    expect(command("langue en")).toBe("language [en]");
    expect(command("english")).toBe("language [en]");
    expect(command("?")).toBe("menu");
    expect(command("aide")).toBe("menu");
    expect(command("Bonjour !")).toBe("menu");
  });

  it("prefers the longest phrase: « supprimer mes données » is not « mes données »", () => {
    expect(command("mes données")).toBe("mydata");
    expect(command("supprimer mes données")).toBe("erase");
    expect(command("ne plus suivre politique")).toBe("unfollow [politique]");
    expect(command("suivre politique")).toBe("follow [politique]");
  });

  it("keeps the arguments as written", () => {
    expect(command("chercher   « Assimi Goïta »")).toBe("search [« Assimi Goïta »]");
  });

  it("corrects one typo in a safe command, and only suggests otherwise", () => {
    expect(command("dernires")).toBe("latest (corrigé)");
    expect(command("dernieers 3")).toBe("latest [3] (corrigé)");
    expect(command("rubriqes")).toBe("topics (corrigé)");
    expect(command("chrecher sahel")).toBe("search [sahel] (corrigé)");
    expect(command("stpo")).toBe("stop (corrigé)");
    // Erasing data is never done on a guess.
    expect(parseReader("supprimer mes donnes")).toEqual({ type: "suggest", names: ["erase"] });
    // Two typos: a suggestion, not an action.
    expect(parseReader("drenieress")).toMatchObject({ type: "suggest", names: ["latest"] });
  });

  it("does not mistake short words for commands", () => {
    expect(command("stp")).toBe("unknown");
    expect(command("top")).toBe("unknown");
    expect(command("ça va")).toBe("unknown");
  });

  it("reads a bare number, and a command glued to its number", () => {
    expect(parseReader("2")).toEqual({ type: "number", value: "2" });
    expect(parseReader(" 3. ")).toEqual({ type: "number", value: "3" });
    expect(command("lire2")).toBe("read [2]");
  });

  it("treats a reader's leading slash as a typing habit", () => {
    expect(command("/menu")).toBe("menu");
    expect(command("/dernieres")).toBe("latest");
  });

  it("sees nothing in empty text, spaces or invisible characters", () => {
    expect(parseReader("")).toEqual({ type: "empty" });
    expect(parseReader("   \n ")).toEqual({ type: "empty" });
    expect(parseReader("\u0000\u200b\u202e")).toEqual({ type: "empty" });
    expect(sanitize("me\u0000nu\u0007")).toBe("menu");
  });
});

describe("reading an editor command", () => {
  it("needs the leading slash, and keeps the text of an alert intact", () => {
    expect(parseEditor("publier 3")).toBeNull();
    expect(parseEditor("/publier 3")).toEqual({
      type: "editor",
      name: "publish",
      args: "3",
      word: "publier",
    });
    expect(parseEditor("/Aperçu 12")).toMatchObject({
      type: "editor",
      name: "preview",
      args: "12",
    });
    expect(parseEditor("/alerte Coupure d'eau\nà Bamako")).toMatchObject({
      name: "alert",
      args: "Coupure d'eau\nà Bamako",
    });
  });

  it("suggests, never runs, a misspelt editor command", () => {
    expect(parseEditor("/publer 3")).toMatchObject({ type: "editor-suggest", name: "publish" });
    expect(parseEditor("/menu")).toEqual({ type: "editor-unknown", word: "menu" });
  });
});

describe("edit distance", () => {
  it("counts a swap of two letters as one typo", () => {
    expect(editDistance("dernieres", "dernieres")).toBe(0);
    expect(editDistance("derniere", "dernieres")).toBe(1);
    expect(editDistance("dernieers", "dernieres")).toBe(1);
    expect(editDistance("abc", "xyz123", 2)).toBe(3);
  });
});
