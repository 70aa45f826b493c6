import { describe, expect, it } from "vitest";
import { articleStore } from "../support/articles.ts";

const body = "Le conseil des ministres s'est réuni mercredi au palais de Koulouba, à Bamako.";

describe("rubrics", () => {
  it("count published articles only, and follow imports, drafts and scheduled articles", () => {
    const { ingest, articles, clock } = articleStore("2025-04-03T08:00:00Z");
    const add = (title: string, categories: string[], extra: object = {}) =>
      ingest.importOne({ title, body, categories, origin: "t", ...extra });
    add("Budget voté", ["Économie"]);
    add("Dette publique", ["economie", "Politique"]);
    add("Brouillon sur la dette", ["Économie"], { status: "draft" });
    add("Le budget de demain", ["Économie", "Sport"], {
      publishedAt: new Date("2025-04-03T12:00:00Z"),
    });
    const counts = () => articles.rubrics(clock.now()).map((r) => `${r.name}:${r.count}`);
    expect(counts()).toEqual(["Économie:2", "Politique:1"]);

    add("Match nul à Bamako", ["Sport"]);
    expect(counts()).toEqual(["Économie:2", "Politique:1", "Sport:1"]);

    // The scheduled article comes out at noon: counted from then on, without any import.
    clock.advance(4 * 3_600_000);
    expect(counts()).toEqual(["Économie:3", "Sport:2", "Politique:1"]);
  });
});
