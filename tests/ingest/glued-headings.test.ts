import { describe, expect, it } from "vitest";
import { cleanBody } from "../../src/ingest/clean.ts";
import { splitGluedHeadings } from "../../src/ingest/glued-headings.ts";

// Written for these tests, in the shape copied news text takes.
describe("sub-headings run into their paragraph", () => {
  it("sets the heading apart from the sentences around it", () => {
    expect(
      splitGluedHeadings(
        "Le maire a conclu la séance. Une attaque au hachoirPeu avant midi, un homme a blessé deux passants.",
      ),
    ).toEqual([
      { kind: "paragraph", text: "Le maire a conclu la séance." },
      { kind: "heading", text: "Une attaque au hachoir" },
      { kind: "paragraph", text: "Peu avant midi, un homme a blessé deux passants." },
    ]);
  });

  it("finds several, and a heading at the very start", () => {
    const pieces = splitGluedHeadings(
      "Des sanctions réclaméesCette irruption du politique inquiète. Le vrai recordDans le monde, rien de tel.",
    );
    expect(pieces.map((p) => p.kind)).toEqual(["heading", "paragraph", "heading", "paragraph"]);
    expect(pieces[2]?.text).toBe("Le vrai record");
  });

  it("leaves brand names and long runs alone", () => {
    const text = "Il a publié une vidéo sur YouTube et TikTok depuis son iPhone, puis sur eBay.";
    expect(splitGluedHeadings(text)).toEqual([{ kind: "paragraph", text }]);
    const long =
      "Le gouvernement a présenté ce matin devant les députés de la commission des finances un plan de relance très attenduLes syndicats ont réagi.";
    expect(splitGluedHeadings(long)).toEqual([{ kind: "paragraph", text: long }]);
  });

  it("gives the cleaned body a heading block instead of a glued sentence", () => {
    const blocks = cleanBody(
      "Le chef de l'État a parlé.Philippe revient à la chargeLe chef du gouvernement rappelle les règles.",
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Le chef de l'État a parlé." },
      { kind: "heading", text: "Philippe revient à la charge" },
      { kind: "paragraph", text: "Le chef du gouvernement rappelle les règles." },
    ]);
  });
});
