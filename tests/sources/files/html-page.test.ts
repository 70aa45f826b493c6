import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { htmlToBlocks } from "../../../src/ingest/html.ts";
import { readHtmlPage } from "../../../src/sources/files/html-page.ts";
import { articleStore } from "../../support/articles.ts";

const para = (n: number) =>
  `<p>Paragraphe ${n} de l'article : le conseil municipal a voté le budget de l'année, après un long débat sur les routes, les écoles et l'éclairage public des quartiers périphériques.</p>`;

const page = `<!doctype html><html><head>
<title>Budget voté | Le Journal</title>
<meta property="og:title" content="Le budget municipal enfin voté">
<meta property="article:section" content="Politique">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
{"@type":"NewsArticle","headline":"Le budget municipal est voté","datePublished":"2025-03-04T08:30:00Z",
"articleSection":["Politique","Local"],"author":{"@type":"Person","name":"Awa Diallo"},"image":{"url":"https://x.sn/a.jpg"}}]}</script>
<script>window.ads = { slot: "<div>" };</script></head><body>
<nav><a href="/">Accueil</a><a href="/politique">Politique</a></nav>
<article><h1>Le budget municipal est voté</h1>
<div class="share-bar"><a href="#">Partager sur Facebook</a><a href="#">Twitter</a></div>
<figure><img src="a.jpg"><figcaption>La salle du conseil. Photo : X</figcaption></figure>
${para(1)}${para(2)}${para(3)}
<div class="inline-related"><p><a href="/a">Autre article très intéressant à lire</a></p></div>
${para(4)}
<p>Advert</p>
</article>
<aside><h3>Les plus lus</h3><ul><li><a href="/b">Un autre titre</a></li></ul></aside>
</body></html>`;

describe("an .html article page", () => {
  it("takes the body from Readability and the fields from JSON-LD first", () => {
    const read = readHtmlPage(page, "budget.html");
    const input = read.inputs[0];
    expect(input).toMatchObject({
      title: "Le budget municipal est voté",
      categories: ["Politique", "Local"],
      author: "Awa Diallo",
      image: "https://x.sn/a.jpg",
    });
    expect(input?.publishedAt?.toISOString()).toBe("2025-03-04T08:30:00.000Z");
    const blocks = htmlToBlocks(input?.html ?? "");
    const text = blocks.map((b) => ("text" in b ? b.text : b.items.join(" "))).join("\n");
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`Paragraphe ${n} de l'article`);
    for (const chrome of [
      "Partager",
      "La salle du conseil",
      "Autre article",
      "Advert",
      "Les plus lus",
    ]) {
      expect(text).not.toContain(chrome);
    }
  });

  it("falls back to og: meta and <time> without JSON-LD", () => {
    const html = `<html><head><meta property="og:title" content="Titre og"></head><body><article>
      <time datetime="2024-07-01T10:00:00Z">1er juillet</time>${para(1)}${para(2)}${para(3)}</article></body></html>`;
    const input = readHtmlPage(html, "og.html").inputs[0];
    expect(input?.title).toBe("Titre og");
    expect(input?.publishedAt?.toISOString().slice(0, 10)).toBe("2024-07-01");
  });

  it("refuses a 1.8 MB page of nested <div> with the fix, and the folder's other files still import (red team D4)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-deep-"));
    fs.writeFileSync(
      path.join(dir, "deep.html"),
      `${"<div>".repeat(160_000)}<p>Texte</p>${"</div>".repeat(160_000)}`,
    );
    fs.writeFileSync(path.join(dir, "ok.html"), page);
    const { ingest } = articleStore();
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.reason).toMatch(/imbriquée sur plus de 512 niveaux/);
  });

  it("reads a gzipped saved page, and refuses one that inflates past the limit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-gz-"));
    fs.writeFileSync(path.join(dir, "page.html.gz"), zlib.gzipSync(page));
    fs.writeFileSync(path.join(dir, "bombe.html.gz"), zlib.gzipSync("a".repeat(3 * 1024 * 1024)));
    const { ingest } = articleStore();
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    expect(report.failed.map((f) => path.basename(f.origin))).toEqual(["bombe.html.gz"]);
    expect(report.failed[0]?.reason).toMatch(/trop gros une fois décompressé/);
  });

  it("reads feed HTML nested 200,000 deep as plain text instead of overflowing the stack (red team D4)", () => {
    const deep = `${"<div>".repeat(200_000)}<p>Texte au fond.</p>${"</div>".repeat(200_000)}`;
    expect(htmlToBlocks(deep)).toEqual([{ kind: "paragraph", text: "Texte au fond." }]);
  });

  it("keeps a page's own address and image only when they are web addresses (no javascript:, data:, relative)", () => {
    const at = (url: string) =>
      `<html><head><title>T</title><meta property="og:url" content="${url}"><meta property="og:image" content="${url}"></head><body><article><h1>Le budget municipal est voté</h1>${para(1)}${para(2)}${para(3)}</article></body></html>`;
    for (const url of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "/politique/budget",
    ]) {
      const input = readHtmlPage(at(url), "budget.html").inputs[0];
      expect(input?.title, url).toBe("Le budget municipal est voté");
      expect(input?.url, url).toBeUndefined();
      expect(input?.image, url).toBeUndefined();
    }
    const kept = readHtmlPage(at("https://journal.example/budget"), "budget.html").inputs[0];
    expect(kept?.url).toBe("https://journal.example/budget");
  });
});
