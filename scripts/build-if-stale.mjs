// `npm start` and `npm run bench` call this first: it compiles only when a source is newer
// than the last build (or there is none), so a built checkout starts in well under 2 s instead
// of compiling at every start (6–10 s). Plain JavaScript: no TypeScript loader to start.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(
  import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  "..",
);
const stamp = path.join(root, "dist", ".build-stamp");
const inputs = [
  "src",
  "bench",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "package-lock.json",
];

/** The newest modification time under `target` (a file or a folder), in ms. */
function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of fs.readdirSync(target)) max = Math.max(max, newest(path.join(target, entry)));
  return max;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((i) => newest(path.join(root, i))));
if (built > 0 && changed <= built && process.env.FORCE_BUILD !== "1") process.exit(0);

process.stderr.write(
  built === 0 ? "Première compilation…\n" : "Sources modifiées : compilation…\n",
);
const started = Date.now();
const result = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) {
  process.stderr.write(
    "La compilation a échoué (voir ci-dessus). Installez les outils de développement (npm ci) " +
      "et corrigez l'erreur, puis relancez npm start.\n",
  );
  process.exit(result.status ?? 1);
}
fs.mkdirSync(path.dirname(stamp), { recursive: true });
fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
process.stderr.write(`Compilé en ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
