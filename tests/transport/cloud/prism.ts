import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Meta's OpenAPI description of the Cloud API (facebook/openapi, MIT: see LICENSE beside it). */
export const SPEC = path.join(root, "tests/fixtures/cloud-api/business-messaging-api_v23.0.yaml");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrism {
  url: string;
  /** Every request Prism found invalid (its 4xx validation answers), as logged. */
  violations: string[];
  stop(): Promise<void>;
}

/** Prism's mock server on the vendored spec, on 127.0.0.1: invalid requests get a 4xx. */
export async function startPrism(): Promise<RunningPrism> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/prism"),
    ["mock", "-h", "127.0.0.1", "-p", String(port), SPEC],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const violations: string[] = [];
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Prism did not start in 60 s:\n${output.slice(-2000)}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      for (const line of text.split("\n")) {
        if (/violation|\b4\d\d\b.*(invalid|unprocessable)|Request body/i.test(line)) {
          violations.push(line.trim());
        }
      }
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}):\n${output.slice(-2000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    violations,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
