import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { ROOT } from "../support/bot.ts";

/** Runs `npm run simulate` (tsx src/simulate.ts) with a script on stdin; returns stdout. */
function simulate(
  script: string,
  dir: string,
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["src/simulate.ts", "--db", path.join(dir, "simulateur.db"), ...(extra.args ?? [])],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          DATA_DIR: dir,
          ARTICLES_DIR: path.join(ROOT, "data/articles"),
          EDITORS: "+22376000000",
          LOG_LEVEL: "warn",
          TZ: "Africa/Bamako",
          ...extra.env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(script);
  });
}

/** The bot's answers, in order: each "bot → …" block without its indentation. */
function answers(transcript: string): string[] {
  return transcript
    .split(/\n(?=bot → |> |📣 )/)
    .filter((block) => block.startsWith("bot → ") || block.startsWith("📣"))
    .map((block) =>
      block
        .split("\n")
        .slice(1)
        .map((l) => l.replace(/^ {2}/, ""))
        .join("\n")
        .trim(),
    );
}

describe("npm run simulate, driven by a script", () => {
  it("lets a newcomer subscribe, follow politique, read the seed article, find it, and stop", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-sim-"));
    const script = [
      "# Un nouveau lecteur découvre le service",
      "bonjour",
      "abonner",
      "suivre politique",
      "dernieres",
      "1",
      "chercher sahel russie",
      "stop",
    ].join("\n");
    const transcript = await simulate(script, dir);
    const a = answers(transcript);
    expect(transcript).toMatch(
      /^Simulateur Suivez l'info — base .*simulateur\.db, 1 article\(s\) publiés/,
    );
    expect(a).toHaveLength(7);
    expect(a[0]).toMatch(/^Bonjour ! Ici \*Suivez l'info\*/);
    expect(a[0]).toContain("4. *abonner* — recevoir les alertes");
    expect(a[1]).toMatch(/^C'est noté : vous êtes abonné\(e\)\./);
    expect(a[2]).toBe("Vous suivez maintenant *Politique*. Vous recevrez ses nouveaux articles.");
    expect(a[3]).toContain(
      "1. AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique _(Politique, 2 avr. 2025)_",
    );
    expect(a[4]).toMatch(
      /^\*AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique\*/,
    );
    expect(a[4]).toContain(
      "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso",
    );
    expect(a[4]).toContain("*Points clés*");
    expect(a[5]).toContain("*Résultats pour « sahel russie »*\n\n1. AES-Russie");
    expect(a[6]).toBe(
      "C'est fait : vous ne recevrez plus rien de notre part. Écrivez *abonner* pour revenir quand vous voulez.",
    );
    // Short answers, no English leaking into a French conversation.
    for (const answer of a) {
      expect(answer.length).toBeLessThan(1200);
      expect(answer).not.toMatch(/\b(the|you|please|error)\b/i);
    }
    // The database the simulator used: the reader is stopped, every reply was sent.
    const db = openDatabase(path.join(dir, "simulateur.db"));
    const sub = db
      .prepare<[], { opted_in_at: number | null; stopped_at: number | null }>(
        "SELECT opted_in_at, stopped_at FROM subscribers",
      )
      .get();
    expect(sub?.opted_in_at).not.toBeNull();
    expect(sub?.stopped_at).not.toBeNull();
    const states = db.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all();
    expect(states).toEqual([{ state: "sent", n: 7 }]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("switches between readers and the editor; a publication reaches the followers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-sim-"));
    const transcript = await simulate(
      [
        "abonner politique",
        "/as +22370000001",
        "bonjour",
        "/publier 1",
        "/editor",
        "/publier 1",
        "OUI",
      ].join("\n"),
      dir,
    );
    expect(transcript).toContain("> +22370000001 : bonjour\nbot → vous :\n  Bonjour !");
    expect(transcript).toContain(
      "> +22370000001 : /publier 1\nbot → vous :\n  Je n'ai pas compris « /publier 1 »",
    );
    expect(transcript).toContain("> +22376000000 (éditeur) : /publier 1");
    // The seed article is more than 48 h old: the editor is asked first, then « OUI » sends it.
    expect(transcript).toContain(
      "date du 2 avr. 2025 (plus de 48 h).\n  Répondez OUI dans les 5 min pour envoyer à 1 lecteur et à la chaîne.",
    );
    expect(transcript).toContain("en file d'envoi (diffusion n° 1).\n  Chaîne : oui · 1 lecteur");
    expect(transcript).toContain("📣 [Chaîne WhatsApp] publication :\n  *AES-Russie");
    expect(transcript).toContain("bot → +22370000000 :\n  🔔 *AES-Russie");
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("the editors' desk on a phone: list, preview, embargo, force, a quiet-hours alert, schedule and cancel", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-sim-"));
    // The README's script. Quiet hours all day long, so the alert always meets them.
    const script = fs
      .readFileSync(path.join(ROOT, "README.md"), "utf8")
      .match(/<!-- desk-script -->\n```\n([\s\S]*?)```/)?.[1];
    expect(script).toBeDefined();
    const transcript = await simulate(script ?? "", dir, {
      args: ["--import", path.join(ROOT, "tests/fixtures/desk/a-venir.json")],
      env: { QUIET_HOURS: "00:00-23:59" },
    });
    const a = answers(transcript);
    const at = (command: string) => {
      const i = transcript.indexOf(`(éditeur) : ${command}\n`);
      expect(i, command).toBeGreaterThan(-1);
      return transcript.slice(i).split(/\n(?=> )/)[0] ?? "";
    };
    expect(at("/articles")).toMatch(/n° 2 · 1er juin 2099 · programmé · Élections/);
    expect(at("/articles")).toMatch(/n° 1 · 2 avr\. 2025 · publié · AES-Russie/);
    expect(at("/apercu 2")).toContain("/publier 2 maintenant l'envoie tout de suite.");
    expect(at("/publier 2")).toContain("programmé pour 01/06/2099 18:00 (sa date de publication)");
    expect(at("/publier 2")).not.toContain("📣");
    expect(at("/publier 2 maintenant")).toContain("en file d'envoi (diffusion n° 2)");
    expect(at("/publier 2 maintenant")).toContain("📣 [Chaîne WhatsApp]");
    expect(at("/alerte Coupure d'électricité à Bamako ce soir")).toMatch(
      /Heures calmes : chaîne maintenant · lecteurs : à .*\n.*Répondez OUI dans les 5 min pour envoyer à 1 lecteur et à la chaîne/,
    );
    expect(at("OUI")).toMatch(/Chaîne : maintenant · lecteurs : à .* \(heures calmes\)/);
    // Article 1 is over 48 h old: a schedule asks first, like a /publier.
    expect(at("/programmer 1 demain 7h30")).toMatch(
      /plus de 48 h\)\.\n[\s\S]*Répondez OUI dans les 5 min pour le programmer pour \d\d\/\d\d\/\d{4} 07:30, à /,
    );
    expect(at("oui")).toContain("Annuler : /annuler 4");
    expect(at("/diffusions")).toMatch(/n° 4 · .* · programmée · AES-Russie/);
    expect(at("/annuler 4")).toContain("Diffusion n° 4 « AES-Russie");
    expect(at("/annuler 4")).toContain("annulée : rien n'était parti.");
    // A reader's rumour, answered from the phone.
    expect(transcript).toContain(
      "C'est vrai que le pont de Kaya est fermé ?\nbot → vous :\n  Merci, c'est noté : la rédaction va vérifier.",
    );
    expect(at("/signalements")).toMatch(
      /n° 1 · 1× \(1 lecteur\) · .*\n.*« C'est vrai que le pont de Kaya est fermé \? » — \+223•+00/,
    );
    expect(at("/repondre 1 Non : le pont est ouvert, la mairie l'a confirmé ce matin.")).toMatch(
      /bot → \+22370000000 :\n {2}\*Réponse de la rédaction\* à votre message « C'est vrai que le pont de Kaya est fermé \? » :\n\n {2}Non : le pont est ouvert/,
    );
    expect(a.every((x) => x.length < 1500)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
