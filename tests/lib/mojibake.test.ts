import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { looksDoubleEncoded, repairMojibake } from "../../src/lib/mojibake.ts";
import { decodeFeedBytes } from "../../src/sources/feeds/encoding.ts";

const good = "L’équipe du Mali a gagné « haut la main » à Bamako, où l’été est chaud : 3 000 €.";
const doubled = iconv.decode(Buffer.from(good, "utf8"), "win1252");

describe("double-encoded text", () => {
  it("is recognised and read back", () => {
    expect(doubled).toContain("Ã©");
    expect(looksDoubleEncoded(doubled)).toBe(true);
    expect(repairMojibake(doubled)).toBe(good);
  });

  it("is repaired where it is, correct accents beside it untouched", () => {
    expect(repairMojibake(`Déjà vu, « oui ». ${doubled}`)).toBe(`Déjà vu, « oui ». ${good}`);
    expect(repairMojibake("Il est arrivÃ© Ã  Kayes.")).toBe("Il est arrivé à Kayes.");
  });

  it("leaves correct French alone", () => {
    const french = "Le café « crème » coûte 2 € à Ségou ; Ça va, Ô Œdipe, Â l’évidence.";
    expect(looksDoubleEncoded(french)).toBe(false);
    expect(repairMojibake(french)).toBe(french);
  });

  it("is read back in a feed too", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><rss><channel><title>${doubled}</title></channel></rss>`;
    const { text } = decodeFeedBytes(
      Buffer.from(xml, "utf8"),
      "application/rss+xml; charset=utf-8",
    );
    expect(text).toContain(good);
  });
});
