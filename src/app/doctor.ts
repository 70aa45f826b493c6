import fs from "node:fs";
import path from "node:path";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { ArticlesRepo } from "../store/articles.ts";
import {
  appliedMigrations,
  checkWritable,
  listMigrations,
  openDatabase,
} from "../store/database.ts";
import {
  ChromiumNotFoundError,
  type ChromiumProbe,
  findChromium,
  probeChromium,
} from "../transport/whatsapp/chromium.ts";
import { inviteCode } from "../transport/whatsapp/whatsapp.ts";
import { instanceLockFiles, type LockOwner } from "./lock.ts";

/** One line of the report: what was checked, how it went, and the exact fix when it did not. */
export interface DoctorCheck {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  fix?: string;
}

export interface DoctorDeps {
  /** The environment after dotenv. */
  env: Record<string, string | undefined>;
  /** The `.env` file that was (or would be) read. */
  envFile: string;
  nodeVersion?: string;
  findBrowser?: (configured: string | null) => string;
  probeBrowser?: (executable: string) => Promise<ChromiumProbe>;
  /** null when https://web.whatsapp.com answers, else why not. */
  reachWhatsApp?: () => Promise<string | null>;
  now?: () => Date;
}

/** The oldest Node the project supports (package.json "engines"). */
export const MIN_NODE = [20, 19] as const;

async function reachWhatsAppWeb(): Promise<string | null> {
  try {
    const response = await fetch("https://web.whatsapp.com/", {
      method: "HEAD",
      signal: AbortSignal.timeout(8_000),
    });
    return response.status < 500 ? null : `réponse HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

function checkNode(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: "Node.js", status: "ok", detail: `${version} (${MIN_NODE.join(".")} ou plus requis)` }
    : {
        name: "Node.js",
        status: "fail",
        detail: `${version} : trop ancien`,
        fix: `Installez Node ${MIN_NODE.join(".")} ou plus (ex. « nvm install 20 », ou le paquet nodejs de NodeSource).`,
      };
}

function checkDatabase(config: Config): DoctorCheck {
  const name = "Base de données";
  const file = config.databasePath;
  const existed = fs.existsSync(file);
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    const startedAt = Date.now();
    db = openDatabase(file);
    const applied = appliedMigrations(db);
    const expected = listMigrations().map((m) => m.name);
    const missing = expected.filter((n) => !applied.some((a) => a.name === n));
    if (missing.length > 0) {
      return {
        name,
        status: "fail",
        detail: `${file} : migrations manquantes (${missing.join(", ")})`,
        fix: "Arrêtez le bot, sauvegardez la base, puis relancez « npm run doctor » pour les appliquer.",
      };
    }
    checkWritable(db);
    const now = applied.filter((a) => a.appliedAt.getTime() >= startedAt).map((a) => a.name);
    const articles = new ArticlesRepo(db).counts(new Date()).total;
    const parts = [
      `${file} ${existed ? "accessible en écriture" : "créée"}`,
      `${expected.length} migrations à jour${now.length > 0 && existed ? ` (appliquées à l'instant : ${now.join(", ")})` : ""}`,
      `${articles} articles`,
    ];
    return { name, status: "ok", detail: parts.join(", ") };
  } catch (error) {
    return {
      name,
      status: "fail",
      detail: `${file} : ${(error as Error).message}`,
      fix: `Vérifiez les droits sur ${path.dirname(path.resolve(file))} (l'utilisateur du bot doit pouvoir y écrire) ou changez DATABASE_PATH / DATA_DIR dans .env.`,
    };
  } finally {
    db?.close();
  }
}

async function checkChromium(
  config: Config,
  find: NonNullable<DoctorDeps["findBrowser"]>,
  probe: NonNullable<DoctorDeps["probeBrowser"]>,
): Promise<DoctorCheck[]> {
  let executable: string;
  try {
    executable = find(config.whatsapp.chromePath);
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    const [what = error.message, ...rest] = error.message.split(". ");
    return [{ name: "Chromium", status: "fail", detail: what, fix: rest.join(". ") }];
  }
  const found: DoctorCheck = { name: "Chromium", status: "ok", detail: `trouvé : ${executable}` };
  const result = await probe(executable);
  if (result.ok) {
    return [
      found,
      {
        name: "Chromium démarre",
        status: "ok",
        detail: `${result.version}, sans interface, avec les options serveur`,
      },
    ];
  }
  return [
    found,
    {
      name: "Chromium démarre",
      status: "fail",
      detail: result.error,
      fix: "Réinstallez-le avec ses dépendances (« sudo apt-get install --reinstall -y chromium ») ; dans un conteneur, donnez-lui au moins 512 Mo de mémoire.",
    },
  ];
}

function checkSession(config: Config): DoctorCheck {
  const dir = path.join(config.sessionDir, `session-${config.whatsapp.clientId}`);
  const present = fs.existsSync(path.join(dir, "Default"));
  const lock = readLock(instanceLockFiles(config).session);
  const running = lock ? ` ; utilisée en ce moment par le pid ${lock.pid} sur ${lock.host}` : "";
  return present
    ? { name: "Session WhatsApp", status: "ok", detail: `présente (${dir})${running}` }
    : {
        name: "Session WhatsApp",
        status: "warn",
        detail: `absente (${dir})`,
        fix: "Normal avant la première connexion : lancez « npm start » et scannez le QR affiché avec le téléphone du numéro du bot (WhatsApp > Appareils connectés).",
      };
}

function readLock(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

function checkChannel(config: Config): DoctorCheck {
  const { invite, id } = config.channel;
  if (invite) {
    return {
      name: "Chaîne WhatsApp",
      status: "ok",
      detail: `CHANNEL_INVITE=${inviteCode(invite)}${id ? " (CHANNEL_ID ignoré : l'invitation prime)" : ""} ; le numéro du bot doit en être administrateur (vérifié à la connexion)`,
    };
  }
  if (id) {
    return {
      name: "Chaîne WhatsApp",
      status: "ok",
      detail: `CHANNEL_ID=${id} ; le numéro du bot doit en être administrateur (vérifié à la connexion)`,
    };
  }
  return {
    name: "Chaîne WhatsApp",
    status: "warn",
    detail: "aucune chaîne configurée : les articles n'iront qu'aux abonnés, un par un",
    fix: "Indiquez dans .env CHANNEL_INVITE= la fin du lien https://whatsapp.com/channel/… de la chaîne (dont le numéro du bot est administrateur).",
  };
}

function checkEditors(config: Config): DoctorCheck {
  return config.editors.length > 0
    ? { name: "Éditeurs", status: "ok", detail: `${config.editors.length} numéro(s) autorisé(s)` }
    : {
        name: "Éditeurs",
        status: "warn",
        detail: "aucun : personne ne peut publier ou mettre en pause depuis WhatsApp",
        fix: "Ajoutez dans .env EDITORS=+223XXXXXXXX (numéros au format international, séparés par des virgules).",
      };
}

function checkArticles(config: Config): DoctorCheck {
  const dir = config.articlesDir;
  if (!fs.existsSync(dir)) {
    return {
      name: "Dossier d'articles",
      status: "warn",
      detail: `${dir} absent : rien à importer au démarrage`,
      fix: `Créez-le (mkdir -p ${dir}) et déposez-y les articles, ou changez ARTICLES_DIR dans .env.`,
    };
  }
  const files = fs.readdirSync(dir).filter((f) => !f.startsWith("."));
  return {
    name: "Dossier d'articles",
    status: "ok",
    detail: `${dir} : ${files.length} fichier(s)`,
  };
}

/** Every check `npm run doctor` makes, in order; none throws, each says ok or the fix. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [checkNode(deps.nodeVersion ?? process.versions.node)];
  const envPresent = fs.existsSync(deps.envFile);
  let config: Config;
  try {
    config = loadConfig(deps.env);
    checks.push({
      name: "Configuration",
      status: "ok",
      detail: envPresent ? `${deps.envFile} valide` : `pas de ${deps.envFile} : valeurs par défaut`,
      ...(envPresent
        ? {}
        : { fix: "Pour régler le bot : cp .env.example .env, puis éditez .env." }),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({
      name: "Configuration",
      status: "fail",
      detail: `${deps.envFile} : ${error.problems.length} valeur(s) à corriger\n${error.problems.map((p) => `  - ${p}`).join("\n")}`,
      fix: `Corrigez ces lignes dans ${deps.envFile} (voir .env.example), puis relancez « npm run doctor ».`,
    });
    // The other checks depend on the configuration; say so instead of guessing.
    checks.push({
      name: "Autres vérifications",
      status: "warn",
      detail: "non faites tant que la configuration est invalide",
    });
    return checks;
  }
  checks.push(checkDatabase(config));
  checks.push(checkArticles(config));
  checks.push(
    ...(await checkChromium(
      config,
      deps.findBrowser ?? findChromium,
      deps.probeBrowser ?? ((file) => probeChromium(file)),
    )),
  );
  checks.push(checkSession(config));
  const unreachable = await (deps.reachWhatsApp ?? reachWhatsAppWeb)();
  checks.push(
    unreachable === null
      ? { name: "Accès à WhatsApp Web", status: "ok", detail: "https://web.whatsapp.com répond" }
      : {
          name: "Accès à WhatsApp Web",
          status: "fail",
          detail: `https://web.whatsapp.com injoignable (${unreachable})`,
          fix: "Le serveur doit pouvoir ouvrir https://web.whatsapp.com : vérifiez l'accès Internet, le DNS, le pare-feu ou le proxy.",
        },
  );
  checks.push(checkChannel(config));
  checks.push(checkEditors(config));
  return checks;
}

const LABEL = { ok: "ok    ", warn: "à voir", fail: "ÉCHEC " } as const;

/**
 * The checks the web desk's pairing page shows: Chromium (found, starts) and the Channel. The
 * Chromium probe launches a browser (about a second): callers keep the answer a while.
 */
export async function pairingChecks(
  config: Config,
  deps: Pick<DoctorDeps, "findBrowser" | "probeBrowser"> = {},
): Promise<DoctorCheck[]> {
  const chromium =
    config.transport === "cloud"
      ? []
      : await checkChromium(
          config,
          deps.findBrowser ?? findChromium,
          deps.probeBrowser ?? ((file) => probeChromium(file)),
        );
  return [...chromium, checkChannel(config)];
}

/** The report as the operator reads it: one line per check, the fix indented below. */
export function formatDoctor(checks: readonly DoctorCheck[]): string {
  const lines = checks.flatMap((c) => {
    const [first = "", ...more] = c.detail.split("\n");
    return [
      `${LABEL[c.status]}  ${c.name} : ${first}`,
      ...more.map((l) => `         ${l}`),
      ...(c.fix ? [`         → ${c.fix}`] : []),
    ];
  });
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  lines.push(
    "",
    failed > 0
      ? `${failed} problème(s) à corriger avant « npm start »${warned ? `, ${warned} point(s) à voir` : ""}.`
      : `Prêt pour « npm start »${warned ? ` (${warned} point(s) à voir)` : ""}.`,
  );
  return lines.join("\n");
}
