import { InvalidArgumentError, Option } from "commander";
import { describe, expect, it } from "vitest";
import { LocalizedCommand } from "../../../src/app/cli/localized-command.ts";
import { catalogue } from "../../../src/messages/wording.ts";
import { freshDataDir, runCli } from "../../support/cli.ts";

/** A small program shaped like ours, its output captured. */
function program(lang: "fr" | "en" = "fr") {
  const out: string[] = [];
  const p = new LocalizedCommand(catalogue(lang).commandLine, "suivez-info")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => out.push(s) });
  const articles = p.command("articles").description("consulte les articles stockés");
  articles
    .command("list")
    .description("liste les articles")
    .option("--limit <n>", "nombre maximal", "20")
    .action(() => {});
  articles
    .command("show")
    .argument("<id>", "identifiant", (v: string) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError("un nombre entier positif est attendu.");
      return Number(v);
    })
    .action(() => {});
  p.command("preview")
    .argument("<id>")
    .addOption(new Option("--as <format>", "format").choices(["channel", "alert"]))
    .requiredOption("--jsonl <file>", "fichier")
    .action(() => {});
  const run = (...args: string[]) => {
    out.length = 0;
    try {
      p.parse(args, { from: "user" });
    } catch {}
    return out.join("");
  };
  return run;
}

describe("the command line's own words, in French", () => {
  it("writes the help page with French titles and annotations", () => {
    const run = program();
    expect(run("--help")).toMatch(/^Utilisation : suivez-info \[options\] \[commande\]/);
    const list = run("articles", "list", "--help");
    expect(list).toContain("Options :");
    expect(list).toContain('nombre maximal (par défaut : "20")');
    expect(list).toMatch(/-h, --help +affiche l'aide/);
    expect(run("articles", "--help")).toMatch(
      /Commandes :[\s\S]*help \[commande\]\s+affiche l'aide d'une commande/,
    );
    expect(run("preview", "--help")).toContain('(au choix : "channel", "alert")');
    expect(run("--help")).not.toMatch(/Usage|display help|Commands:|default:/);
  });

  it("says what is wrong in French, with the help hint", () => {
    const run = program();
    expect(run("articles", "list", "--limt", "3")).toBe(
      "erreur : option inconnue « --limt » (vouliez-vous dire --limit ?)\n(ajoutez --help pour l'aide)\n",
    );
    expect(run("articles", "show")).toMatch(/^erreur : il manque <id> : identifiant\n/);
    expect(run("preview", "--jsonl", "f")).toMatch(/^erreur : argument manquant : <id>\n/);
    expect(run("articles", "show", "x")).toMatch(
      /^erreur : argument id : valeur « x » refusée\. un nombre entier positif est attendu\./,
    );
    expect(run("articles", "list", "--limit")).toMatch(
      /^erreur : valeur manquante après l'option --limit <n>/,
    );
    expect(run("preview", "1")).toMatch(/^erreur : option obligatoire manquante : --jsonl <file>/);
    expect(run("preview", "1", "--jsonl", "f", "--as", "pdf")).toMatch(
      /^erreur : option --as <format> : valeur « pdf » refusée\. Valeurs possibles : channel, alert\./,
    );
    expect(run("articles", "show", "1", "2")).toMatch(
      /^erreur : trop d'arguments pour « show » : 1 attendu, 2 donnés/,
    );
    expect(run("artcles")).toMatch(
      /^erreur : commande inconnue « artcles » \(vouliez-vous dire articles \?\)/,
    );
  });

  it("keeps commander's English for an English newsroom", () => {
    const run = program("en");
    expect(run("--help")).toMatch(/^Usage: suivez-info \[options\] \[command\]/);
    expect(run("articles", "list", "--limt")).toMatch(/^error: unknown option '--limt'/);
  });

  it("is what the real CLI speaks", () => {
    const result = runCli(["articles", "list", "--limt", "3"], { dataDir: freshDataDir() });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^erreur : option inconnue « --limt »/);
  }, 60_000);
});
