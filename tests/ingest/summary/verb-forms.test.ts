import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/domain/errors.ts";
import { loadVerbForms, shippedVerbForms } from "../../../src/ingest/summary/verb-forms.ts";

const dir = mkdtempSync(join(tmpdir(), "verb-forms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the learned verb forms", () => {
  it("ship with the common present-tense forms and without nouns", () => {
    const forms = shippedVerbForms();
    for (const f of ["bat", "prévoit", "reçoit", "dénoncent", "pourront"])
      expect(forms.has(f)).toBe(true);
    for (const f of ["président", "vote", "corriere"]) expect(forms.has(f)).toBe(false);
  });

  it("say what to do when the artefact is broken", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"forms": "bat"}');
    expect(() => loadVerbForms(bad)).toThrow(AppError);
    expect(() => loadVerbForms(bad)).toThrow(/« forms » doit être une liste de mots/);
    writeFileSync(bad, "{");
    expect(() => loadVerbForms(bad)).toThrow(/formes verbales illisibles/);
  });

  it("are learned from words after a subject pronoun or « ne », names and nouns left out", () => {
    // A tiny corpus written for this test.
    const articles = [
      "Il bat le record. Elle bat des mains. On bat le fer. Le Corriere publie.",
      "Il Corriere. Il Corriere. Il Corriere. Ils ne partent pas. Ils partent. Elles partent.",
      "Le vote a eu lieu. Le vote est clos. Il vote. Le vote reprend. Il vote. Il vote.",
      ...Array.from({ length: 80 }, () => "Le vote des députés."),
    ];
    const train = join(dir, "train.jsonl.gz");
    writeFileSync(
      train,
      gzipSync(articles.map((article) => JSON.stringify({ article })).join("\n")),
    );
    const out = join(dir, "forms.json");
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/learn-verb-forms.ts",
        "--train",
        train,
        "--out",
        out,
        "--min",
        "3",
      ],
      { encoding: "utf8" },
    );
    const learned = JSON.parse(readFileSync(out, "utf8")) as { forms: string[] };
    expect(learned.forms).toEqual(["bat", "partent"]);
  });
});
