import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = new URL("../../", import.meta.url).pathname;

/** Runs the real CLI as the operator does (`npm run cli -- …`), in the given data folder. */
export function runCli(
  args: string[],
  options: { dataDir: string; input?: string; env?: Record<string, string> },
) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: root,
    input: options.input,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), DATA_DIR: options.dataDir, ...options.env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A fresh data folder for one test. */
export const freshDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "suivez-cli-"));

/** The JSON Lines of a `--json` list. */
export const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
