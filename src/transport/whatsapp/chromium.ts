import { type ExecFileException, execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppError, type AppErrorOptions } from "../../domain/errors.ts";

/** Where Debian, Ubuntu and Google's packages put the browser, most likely first. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/opt/google/chrome/chrome",
];

/**
 * Launch flags for a headless server: root in a container cannot use Chrome's sandbox, /dev/shm
 * is often 64 MB, there is no GPU, and the browser must not phone home (updates, sync,
 * metrics) — on a closed network those calls only fill the logs.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--disable-breakpad",
  "--metrics-recording-only",
  "--disable-features=Translate,MediaRouter,OptimizationHints",
];

/** No usable Chromium: the message names the package to install or the setting to fix. */
export class ChromiumNotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("CHROMIUM_NOT_FOUND", message, options);
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: `CHROME_PATH` when set (it must exist), else the first usual
 * location that is executable. Throws ChromiumNotFoundError saying how to fix it.
 */
export function findChromium(
  configured: string | null,
  options: { candidates?: readonly string[]; executable?: (file: string) => boolean } = {},
): string {
  const executable = options.executable ?? isExecutable;
  if (configured) {
    if (executable(configured)) return configured;
    throw new ChromiumNotFoundError(
      `CHROME_PATH=${configured} : aucun programme exécutable à cet endroit. ` +
        "Corrigez CHROME_PATH dans .env (ex. /usr/bin/chromium) ou videz-le pour chercher aux emplacements habituels.",
    );
  }
  const candidates = options.candidates ?? CHROMIUM_CANDIDATES;
  const found = candidates.find(executable);
  if (found) return found;
  throw new ChromiumNotFoundError(
    `Chromium introuvable (cherché : ${candidates.join(", ")}). ` +
      "Installez-le : « sudo apt-get install -y chromium » (Debian) ou « sudo snap install chromium » (Ubuntu), " +
      "ou indiquez son chemin dans .env : CHROME_PATH=/chemin/vers/chromium.",
  );
}

/** What a trial launch of the browser showed: its version, or the lines explaining the failure. */
export type ChromiumProbe = { ok: true; version: string } | { ok: false; error: string };

/**
 * Starts the browser once, headless with our flags, on a blank page and a throw-away profile:
 * proves it can run here (libraries, sandbox, memory) without touching the WhatsApp session.
 */
export async function probeChromium(
  executable: string,
  options: { timeoutMs?: number } = {},
): Promise<ChromiumProbe> {
  const timeout = options.timeoutMs ?? 30_000;
  const profile = mkdtempSync(path.join(tmpdir(), "suivez-chromium-probe-"));
  const run = (args: string[]) =>
    new Promise<{ error: ExecFileException | null; stdout: string; stderr: string }>((resolve) => {
      execFile(executable, args, { timeout, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
        resolve({ error, stdout, stderr }),
      );
    });
  try {
    const version = await run(["--version"]);
    const page = await run([
      "--headless",
      ...CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      "--dump-dom",
      "about:blank",
    ]);
    if (page.error || !page.stdout.includes("<html")) {
      // Chromium is chatty on stderr (D-Bus…): keep the lines that look like the cause.
      const lines = page.stderr
        .split("\n")
        .filter((l) => /error|fatal|cannot|failed|missing|no such/i.test(l) && !/dbus/i.test(l))
        .slice(-5);
      const reason = page.error?.killed
        ? `pas de réponse en ${timeout / 1000} s`
        : page.error?.message;
      return { ok: false, error: [reason ?? "page vide", ...lines].join("\n") };
    }
    return { ok: true, version: version.stdout.trim() || "version inconnue" };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
