import { spawn } from "node:child_process";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { freshDataDir } from "../../support/cli.ts";

const root = new URL("../../../", import.meta.url).pathname;

describe("a CLI whose output is cut short (`… | head -1`)", () => {
  it("exits quietly, without a stack trace, when the reader has gone", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "articles", "list"], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), DATA_DIR: freshDataDir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // What `head -1` does once it has its line: it closes its end of the pipe.
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  }, 60_000);
});
