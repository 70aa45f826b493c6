import { describe, expect, it } from "vitest";
import { FIXTURES, SEED } from "../../support/articles.ts";
import { freshDataDir, runCli } from "../../support/cli.ts";

const cli = runCli;
const fresh = freshDataDir;

describe("the operator CLI", () => {
  it("imports the seed article and previews its summary as a reader will see it", () => {
    const dataDir = fresh();
    const imported = cli(["import", SEED], { dataDir });
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain("1 importé(s), 0 mis à jour, 0 inchangé(s), 0 en échec");

    const preview = cli(["preview", "1"], { dataDir });
    expect(preview.code).toBe(0);
    expect(preview.out).toContain(
      "*AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique*",
    );
    expect(preview.out).toContain("_Politique · Diplomatie — Moscou, 2 avril 2025_");
    expect(preview.out).toMatch(/du Mali, du Niger et du Burkina Faso/);
    expect(preview.out).toContain("- Le soutien diplomatique");
    expect(preview.out).not.toMatch(/PUBLICIT|WHATSAPP|PolitiqueDiplomatie/);

    expect(cli(["articles", "list"], { dataDir }).out).toContain("(Politique, Diplomatie)");
    expect(cli(["stats"], { dataDir }).out).toContain("Articles : 1 (1 publiés");
  });

  it("exits non-zero and lists each failure when some files fail", () => {
    const result = cli(["import", FIXTURES], { dataDir: fresh() });
    expect(result.code).toBe(1);
    expect(result.out).toContain("6 importé(s)");
    expect(result.out).toMatch(/✗ .*casse\.json : JSON invalide ligne 4/);
  });

  it("summarises JSON lines in order, one plain-text summary per line", () => {
    const lines = [
      {
        title: "Venise : un paquebot sème la panique",
        article:
          "Dimanche matin à Venise, l'équipage du MSC Opéra a perdu le contrôle du paquebot.Le navire est venu heurter le quai.",
      },
      "pas du json",
      { title: "Titre seul", article: "" },
    ].map((l) => (typeof l === "string" ? l : JSON.stringify(l)));
    const result = cli(["summarize", "--jsonl", "-"], {
      dataDir: fresh(),
      input: `${lines.join("\n")}\n`,
    });
    expect(result.code).toBe(0);
    const out = result.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toEqual([
      {
        summary:
          "Dimanche matin à Venise, l'équipage du MSC Opéra a perdu le contrôle du paquebot. Le navire est venu heurter le quai.",
      },
      { summary: "", error: "ligne 2 : JSON invalide" },
      { summary: "Titre seul" },
    ]);
  });

  it("explains a bad .env value and a bad argument instead of crashing", () => {
    const bad = cli(["stats"], {
      dataDir: fresh(),
      env: { TZ_NAME: "x", SUMMARY_MAX_CHARS: "dix" },
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("SUMMARY_MAX_CHARS=dix");
    const arg = cli(["preview", "abc"], { dataDir: fresh() });
    expect(arg.code).not.toBe(0);
    expect(arg.err).toContain("un nombre entier positif est attendu");
    const missing = cli(["preview", "42"], { dataDir: fresh() });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("Article 42 introuvable");
  });
});

describe("understand --jsonl", () => {
  it("prints one line per input, in order, in the utterance set's schema", () => {
    const input = [
      JSON.stringify({ text: "Bonjour, les infos du Mali svp" }),
      JSON.stringify({ text: "3" }),
      JSON.stringify({ text: "désabonnez-moi" }),
      JSON.stringify({ text: "chercher Prix du riz" }),
    ].join("\n");
    const result = cli(["understand", "--jsonl", "-"], { dataDir: fresh(), input });
    expect(result.code).toBe(0);
    expect(
      result.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { text: "Bonjour, les infos du Mali svp", intent: "latest", rubric: "mali", count: null },
      { text: "3", intent: "choice", n: 3 },
      { text: "désabonnez-moi", intent: "stop" },
      { text: "chercher Prix du riz", intent: "search", query: "prix du riz" },
    ]);
  });

  it("says which line is wrong and how to write it", () => {
    const result = cli(["understand", "--jsonl", "-"], { dataDir: fresh(), input: '{"txt": 1}\n' });
    expect(result.code).toBe(1);
    expect(result.err).toContain("ligne 1");
    expect(result.err).toContain('{"text": "stop"}');
  });
});
