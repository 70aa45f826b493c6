import { describe, expect, it } from "vitest";
import { isChromeLine } from "../../../src/sources/files/page-chrome.ts";

describe("isChromeLine", () => {
  it("knows cookie banners in either order, and menus of links run together", () => {
    expect(isChromeLine("Ce site utilise des cookies pour améliorer votre expérience.")).toBe(true);
    expect(isChromeLine("En poursuivant votre navigation, vous acceptez les cookies.")).toBe(true);
    expect(isChromeLine("Accueil | Politique | Société | Sport")).toBe(true);
    expect(isChromeLine("Accueil | Politique")).toBe(false);
    expect(isChromeLine("◊ Newsletter")).toBe(true);
    expect(isChromeLine("1 250 · 36 · 7")).toBe(true);
  });

  it("never takes a paragraph of prose, however long, for furniture", () => {
    const prose =
      "Le conseil a voté le budget du site de la foire, après avoir parlé des cookies. ";
    // A scraped page's one line of prose, 200 KB of it, that mentions cookies and the site: it
    // was read as a cookie banner (and slowly: an unanchored lookahead made the scan quadratic;
    // bench/hostile.ts times it now).
    expect(isChromeLine(prose.repeat(2_500))).toBe(false);
  });
});
