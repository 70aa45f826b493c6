import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedServer, fixture } from "../../sources/feeds/feed-server.ts";

const root = new URL("../../../", import.meta.url).pathname;

/** Runs the real CLI as the operator does (async: the test's own feed server must answer). */
function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: os.tmpdir(),
          DATA_DIR: dataDir,
          // The test's feed server listens on 127.0.0.1, which feeds may reach only when allowed.
          FEEDS_ALLOW_HOSTS: "127.0.0.1",
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

// Each call spawns a real CLI process (tsx): seconds each on a busy machine.
describe("feeds from the operator's CLI", { timeout: 60_000 }, () => {
  const site = new FeedServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-feeds-cli-"));

  beforeAll(async () => {
    await site.start();
    site.feed("/feed/", fixture("wordpress-fr.xml"), { etag: '"wp"' });
    site.feed("/messy/", fixture("messy-rss.xml"));
    site.route("/gone/", { status: 404, body: "Not Found" });
  });
  afterAll(() => site.close());

  it("adds a WordPress feed, imports it with clean summaries, then a 304 changes nothing", async () => {
    const added = await cli(["feeds", "add", site.url("/feed/"), "--interval", "15m"], dataDir);
    expect(added.code).toBe(0);
    expect(added.out).toContain(`Flux n° 1 ajouté : ${site.url("/feed/")} (relevé toutes les 15m)`);
    expect(added.out).toContain(
      "Flux n° 1 : 3 importé(s), 0 mis à jour, 0 inchangé(s), 0 ignoré(s)",
    );
    expect(added.out).toContain("premier relevé : articles marqués déjà connus, jamais diffusés");

    const list = await cli(["articles", "list"], dataDir);
    expect(list.out).toMatch(/AES-Russie\s: Les ministres du Sahel à Moscou/);
    const preview = await cli(["preview", "1"], dataDir);
    expect(preview.out).toContain(
      "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso",
    );
    expect(preview.out).not.toMatch(/PUBLICIT|apparu en premier|adsbygoogle|&#|<\/?p>/);

    const again = await cli(["feeds", "poll"], dataDir);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      "Flux n° 1 : inchangé depuis le dernier relevé (304), rien à importer",
    );
    expect(site.requests.at(-1)?.headers["if-none-match"]).toBe('"wp"');
  });

  it("lists feeds with their last status, error and next poll, and reports bad items", async () => {
    const messy = await cli(
      ["feeds", "add", site.url("/messy/"), "--category", "Burkina"],
      dataDir,
    );
    expect(messy.out).toContain("6 importé(s), 0 mis à jour, 0 inchangé(s), 3 ignoré(s)");
    expect(messy.out).toContain("✗ élément 5 : sans titre");

    const broken = await cli(["feeds", "add", site.url("/gone/")], dataDir);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("Flux n° 3 : échec — flux introuvable (404) : vérifiez l'adresse");
    expect(broken.out).toContain("npm run cli -- feeds remove 3");

    const list = await cli(["feeds", "list"], dataDir);
    expect(list.out).toMatch(
      /n° 1 .*« Le Sahel Info – L'actualité du Mali et du Sahel » {2}\(toutes les 15m\)/,
    );
    expect(list.out).toContain("(toutes les 10m, rubrique Burkina)");
    expect(list.out).toContain("3 élément(s) ignoré(s), 1 remarque(s)");
    expect(list.out).toContain("ÉCHEC (HTTP 404)");
    expect(list.out).toContain("dernière erreur : flux introuvable (404)");
    expect(list.out).toMatch(/prochain relevé : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    const stats = await cli(["stats"], dataDir);
    expect(stats.out).toContain(
      "Flux : 3 suivi(s), 1 en échec au dernier relevé, 0 désactivé(s) ; 9 article(s) apporté(s)",
    );

    const removed = await cli(["feeds", "remove", "3"], dataDir);
    expect(removed.out).toContain("Flux n° 3 retiré");
    expect((await cli(["feeds", "remove", "3"], dataDir)).err).toContain("Aucun flux n° 3");
  });

  it("refuses bad addresses, too-short intervals and duplicates with what to do", async () => {
    const ftp = await cli(["feeds", "add", "ftp://example.org/feed"], dataDir);
    expect([ftp.code, ftp.err.trim()]).toEqual([
      1,
      "Adresse de flux « ftp://example.org/feed » : seules les adresses http:// et https:// sont lues",
    ]);
    const fast = await cli(["feeds", "add", site.url("/other/"), "--interval", "30s"], dataDir);
    expect(fast.code).not.toBe(0);
    expect(fast.err).toContain("2 minutes au moins");
    const twice = await cli(["feeds", "add", `${site.url("/feed/")}#top`], dataDir);
    expect(twice.err).toContain("Ce flux est déjà suivi (n° 1)");
  });

  it("seeds feeds from FEEDS in .env once", async () => {
    const seeded = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-feeds-seed-"));
    const env = { FEEDS: `${site.url("/feed/")},${site.url("/messy/")}` };
    await cli(["feeds", "list"], seeded, env);
    const list = await cli(["feeds", "list"], seeded, env);
    expect(list.out.match(/^n° \d+/gm)).toEqual(["n° 1", "n° 2"]);
    expect(list.out).toContain("jamais relevé");
    const polled = await cli(["feeds", "poll", "2"], seeded, env);
    expect(polled.out).toContain("Flux n° 2 : 6 importé(s)");
  });

  it("never prints a protected feed's password (add, poll, list, remove)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-feeds-login-"));
    const url = "http://robot:s3cret@127.0.0.1:1/feed/";
    const added = await cli(["feeds", "add", url], dir);
    const list = await cli(["feeds", "list"], dir);
    const removed = await cli(["feeds", "remove", "1"], dir);
    const all = [added, list, removed].map((r) => r.out + r.err).join("\n");
    expect(all).toContain("http://robot:***@127.0.0.1:1/feed/");
    expect(all).not.toContain("s3cret");
  });
});
