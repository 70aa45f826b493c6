import { describe, expect, it } from "vitest";
import { channelPost } from "../../src/messages/templates.ts";
import { articleStore, SEED } from "../support/articles.ts";

describe("the seed article (data/articles/aes-russie-moscou.txt)", () => {
  it("imports with its exact title, rubrics, dateline, lead and key points, and no noise", async () => {
    const { ingest, articles } = articleStore();
    const report = await ingest.importPaths([SEED]);
    expect(report).toMatchObject({ imported: 1, failed: [] });
    const id = report.changedIds[0] ?? 0;
    const a = articles.get(id);
    expect(a).not.toBeNull();
    if (!a) return;

    expect(a.title).toBe(
      "AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique",
    );
    expect(a.categories).toEqual(["Politique", "Diplomatie"]);
    expect(a.dateline).toBe("Moscou, 2 avril 2025");
    expect(a.publishedAt.toISOString().slice(0, 10)).toBe("2025-04-02");
    expect(a.summary).toMatch(
      /^Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso/,
    );
    expect(a.summary.length).toBeLessThanOrEqual(280);
    expect(a.keyPoints).toEqual([
      // The article's own non-breaking spaces before ":" are kept.
      "La coopération en matière de sécurité\u00a0: lutte contre le terrorisme et formation des forces armées",
      "Les partenariats économiques\u00a0: investissements dans les infrastructures et les secteurs miniers",
      "Le soutien diplomatique\u00a0: coordination dans les enceintes internationales",
    ]);
    expect(
      a.blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && b.text),
    ).toEqual([
      "Une concertation préalable approfondie",
      "Des enjeux stratégiques multiples",
      "Un contexte géopolitique particulier",
      "Perspectives et attentes",
    ]);

    const everything = `${a.bodyText}\n${channelPost(a, { language: "fr", timeZone: "Africa/Bamako", channelLink: null })}`;
    expect(everything).not.toMatch(/PUBLICIT/i);
    expect(everything).not.toMatch(/Suivez l'information en direct/i);
    expect(everything).not.toMatch(/depuis…/); // the truncated teaser is gone
    expect(everything).not.toContain("PolitiqueDiplomatie");
    // French typography survives cleaning.
    expect(a.bodyText).toContain("«\u00a0Nous sommes venus établir les bases d’un partenariat");
  });

  it("re-importing the unchanged file is a no-op", async () => {
    const { ingest } = articleStore();
    await ingest.importPaths([SEED]);
    const again = await ingest.importPaths([SEED]);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, failed: [] });
  });
});
