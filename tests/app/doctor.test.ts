import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type DoctorDeps, formatDoctor, runDoctor } from "../../src/app/doctor.ts";
import { listMigrations } from "../../src/store/database.ts";
import { ChromiumNotFoundError, findChromium } from "../../src/transport/whatsapp/chromium.ts";

/** A healthy server: Node 20.19, Chromium installed and starting, WhatsApp Web reachable. */
function healthy(env: Record<string, string> = {}): DoctorDeps & { dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), "suivez-doctor-"));
  return {
    dataDir,
    env: { DATA_DIR: dataDir, ...env },
    envFile: path.join(dataDir, "absent.env"),
    nodeVersion: "20.19.0",
    findBrowser: () => "/usr/bin/chromium",
    probeBrowser: async () => ({ ok: true, version: "Chromium 156.0.8078.108" }),
    reachWhatsApp: async () => null,
  };
}

function byName(checks: Awaited<ReturnType<typeof runDoctor>>) {
  return Object.fromEntries(checks.map((c) => [c.name, c]));
}

describe("doctor", () => {
  it("reports every check on a fresh install with an empty .env", async () => {
    const deps = healthy();
    const checks = await runDoctor(deps);
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ["Node.js", "ok"],
      ["Configuration", "ok"],
      ["Base de données", "ok"],
      ["Dossier d'articles", "warn"],
      ["Chromium", "ok"],
      ["Chromium démarre", "ok"],
      ["Session WhatsApp", "warn"],
      ["Accès à WhatsApp Web", "ok"],
      ["Chaîne WhatsApp", "warn"],
      ["Éditeurs", "warn"],
    ]);
    const c = byName(checks);
    expect(c["Base de données"]?.detail).toBe(
      `${path.join(deps.dataDir, "suivez.db")} créée, ${listMigrations().length} migrations à jour, 0 articles`,
    );
    expect(c["Session WhatsApp"]?.fix).toMatch(/lancez « npm start » et scannez le QR/);
    expect(c["Chaîne WhatsApp"]?.fix).toMatch(/CHANNEL_INVITE=/);
    const report = formatDoctor(checks);
    expect(report).toContain("ok      Chromium démarre : Chromium 156.0.8078.108");
    expect(report.trim().split("\n").at(-1)).toBe("Prêt pour « npm start » (4 point(s) à voir).");
  });

  it("names every bad value of .env with its fix, and stops there", async () => {
    const deps = healthy({ EDITORS: "70000000", TZ: "Bamako", SEND_RATE_PER_MINUTE: "beaucoup" });
    const checks = await runDoctor(deps);
    const config = byName(checks).Configuration;
    expect(config?.status).toBe("fail");
    expect(config?.detail).toContain("3 valeur(s) à corriger");
    expect(config?.detail).toContain("EDITORS=70000000 : numéros au format international");
    expect(config?.detail).toContain("TZ=Bamako : fuseau horaire IANA inconnu");
    expect(config?.detail).toContain("SEND_RATE_PER_MINUTE=beaucoup");
    expect(checks.at(-1)).toMatchObject({ name: "Autres vérifications", status: "warn" });
    expect(formatDoctor(checks)).toContain("1 problème(s) à corriger avant « npm start »");
  });

  it("says how to install Chromium when there is none", async () => {
    const deps = healthy();
    deps.findBrowser = (configured) =>
      findChromium(configured, { candidates: ["/nulle-part/chromium"] });
    const chromium = byName(await runDoctor(deps)).Chromium;
    expect(chromium?.status).toBe("fail");
    expect(chromium?.detail).toBe("Chromium introuvable (cherché : /nulle-part/chromium)");
    expect(chromium?.fix).toMatch(/sudo apt-get install -y chromium.*CHROME_PATH=/);
  });

  it("shows why Chromium does not start", async () => {
    const deps = healthy();
    deps.probeBrowser = async () => ({
      ok: false,
      error:
        "Command failed\nerror while loading shared libraries: libnss3.so: cannot open shared object file",
    });
    const launch = byName(await runDoctor(deps))["Chromium démarre"];
    expect(launch?.status).toBe("fail");
    expect(launch?.detail).toContain("libnss3.so");
    expect(launch?.fix).toMatch(/apt-get install --reinstall -y chromium/);
  });

  it("rejects an old Node and an unwritable database folder, each with the fix", async () => {
    const deps = healthy();
    const blocker = path.join(deps.dataDir, "un-fichier");
    writeFileSync(blocker, "");
    deps.env.DATABASE_PATH = path.join(blocker, "suivez.db");
    deps.nodeVersion = "18.19.1";
    const c = byName(await runDoctor(deps));
    expect(c["Node.js"]).toMatchObject({ status: "fail", detail: "18.19.1 : trop ancien" });
    expect(c["Node.js"]?.fix).toMatch(/Node 20.19 ou plus/);
    expect(c["Base de données"]?.status).toBe("fail");
    expect(c["Base de données"]?.fix).toMatch(/DATABASE_PATH/);
  });

  it("reports WhatsApp Web unreachable from this server", async () => {
    const deps = healthy();
    deps.reachWhatsApp = async () => "ENOTFOUND";
    const reach = byName(await runDoctor(deps))["Accès à WhatsApp Web"];
    expect(reach).toMatchObject({
      status: "fail",
      detail: "https://web.whatsapp.com injoignable (ENOTFOUND)",
    });
  });

  it("sees a scanned session, the Channel and the editors once configured", async () => {
    const deps = healthy({
      CHANNEL_INVITE: "https://whatsapp.com/channel/0029VaSuivezInfo0000000",
      EDITORS: "+22370000001",
    });
    mkdirSync(path.join(deps.dataDir, "session", "session-suivez-info", "Default"), {
      recursive: true,
    });
    mkdirSync(path.join(deps.dataDir, "articles"));
    const checks = await runDoctor(deps);
    expect(checks.every((c) => c.status === "ok")).toBe(true);
    const c = byName(checks);
    expect(c["Chaîne WhatsApp"]?.detail).toMatch(/^CHANNEL_INVITE=0029VaSuivezInfo0000000 ;/);
    expect(c["Session WhatsApp"]?.detail).toMatch(/^présente/);
    expect(formatDoctor(checks).trim().split("\n").at(-1)).toBe("Prêt pour « npm start ».");
  });

  it("fails cleanly on ChromiumNotFoundError only, not on other errors", async () => {
    const deps = healthy();
    deps.findBrowser = () => {
      throw new ChromiumNotFoundError(
        "CHROME_PATH=/x : aucun programme exécutable à cet endroit. Corrigez CHROME_PATH",
      );
    };
    const chromium = byName(await runDoctor(deps)).Chromium;
    expect(chromium).toMatchObject({
      status: "fail",
      detail: "CHROME_PATH=/x : aucun programme exécutable à cet endroit",
      fix: "Corrigez CHROME_PATH",
    });
  });
});
