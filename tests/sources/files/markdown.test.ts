import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMarkdownArticle } from "../../../src/sources/files/markdown.ts";
import { articleStore } from "../../support/articles.ts";

describe("Markdown front matter is data, never code", () => {
  it("refuses a ---js front matter without running it (red team D1)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-md-"));
    const marker = path.join(dir, "pwned");
    const file = path.join(dir, "piege.md");
    fs.writeFileSync(
      file,
      `---js\n{ title: (require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"), "T") }\n---\nCorps de l'article.\n`,
    );
    const { ingest } = articleStore();
    const report = await ingest.importPaths([file]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.failed[0]?.reason).toMatch(/---js.*refusé.*YAML/);
  });

  it("does not evaluate YAML tags: !!js/function stays a plain string", () => {
    const read = readMarkdownArticle(
      '---\ntitle: !!js/function "function () { return 1 }"\n---\nCorps de l\'article.\n',
      "tag.md",
    );
    expect(read.inputs[0]?.title).toBe("function () { return 1 }");
  });

  it("reads ordinary YAML front matter: fields, ISO dates, lists", () => {
    const read = readMarkdownArticle(
      "---\ntitle: Un titre\ncategories: [Sport, Football]\npublishedAt: 2026-01-10T21:45:00Z\n---\n\nLe corps.\n",
      "ok.md",
    );
    expect(read.problems).toEqual([]);
    expect(read.inputs[0]).toMatchObject({
      title: "Un titre",
      categories: ["Sport", "Football"],
      publishedAt: new Date("2026-01-10T21:45:00Z"),
    });
  });

  it("says what to fix when the YAML is broken", () => {
    expect(() => readMarkdownArticle("---\ntitle: [pas fermé\n---\nCorps.\n", "b.md")).toThrow(
      /en-tête YAML invalide/,
    );
  });
});

describe("a folder's non-article Markdown", () => {
  it("skips README/SOURCES/LICENSE and .md without front matter or # title, with a note", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-readme-"));
    fs.writeFileSync(
      path.join(dir, "README.md"),
      "# Nos articles\n\nCe dossier contient les articles.\n",
    );
    fs.writeFileSync(path.join(dir, "SOURCES.md"), "# Sources\n\n- site A\n");
    fs.writeFileSync(path.join(dir, "LICENSE"), "MIT\n");
    fs.writeFileSync(path.join(dir, "notes.md"), "Quelques notes de la rédaction, sans titre.\n");
    fs.writeFileSync(path.join(dir, "vrai.md"), "# Un vrai article\n\nSon texte.\n");
    const { ingest } = articleStore();
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    expect(report.failed).toEqual([]);
    expect(report.skipped.map((p) => path.basename(p)).sort()).toEqual([
      "LICENSE",
      "README.md",
      "SOURCES.md",
    ]);
    expect(report.notes[0]).toMatchObject({ origin: path.join(dir, "notes.md") });
    expect(report.notes[0]?.reason).toMatch(/ni en-tête YAML/);
  });
});
