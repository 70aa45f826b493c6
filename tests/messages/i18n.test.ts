import { describe, expect, it } from "vitest";
import { en } from "../../src/messages/i18n/en.ts";
import { fr } from "../../src/messages/i18n/fr.ts";

/** Every key path of a catalogue: "replies.menu", "operator.sendingState.paused"… */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe("the wording catalogues", () => {
  it("have exactly the same keys in French and in English, nested ones included", () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(fr).sort());
  });

  it("give the same kind of value for each key (text or a function of the same arity)", () => {
    const shape = (v: unknown) => (typeof v === "function" ? `fn/${v.length}` : typeof v);
    const get = (root: unknown, path: string) =>
      path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    for (const path of keyPaths(fr)) {
      expect(shape(get(en, path)), path).toBe(shape(get(fr, path)));
    }
  });

  it("leave no text empty", () => {
    const get = (root: unknown, path: string) =>
      path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    for (const c of [fr, en]) {
      for (const path of keyPaths(c)) {
        const v = get(c, path);
        if (typeof v === "string" && path !== "thousands") expect(v.trim(), path).not.toBe("");
      }
    }
  });
});
