import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("the bench's peak memory of a measured process", () => {
  it.skipIf(!fs.existsSync("/proc/self/status"))(
    "is the child's own, not the RSS of the parent that spawned it",
    () => {
      // The parent holds ~200 MB when it spawns the measure, as bench/run.ts does after seeding.
      const held = Array.from({ length: 200 }, () => Buffer.alloc(2 ** 20, 1));
      const child = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          `import { peakRssMb } from ${JSON.stringify(path.join(root, "bench/lib.ts"))};
           process.stdout.write(JSON.stringify({ peak: peakRssMb(),
             maxRss: Math.round(process.resourceUsage().maxRSS / 1024) }));`,
        ],
        { cwd: root, encoding: "utf8" },
      );
      expect(held.length).toBe(200);
      expect(child.status, child.stderr).toBe(0);
      const { peak, maxRss } = JSON.parse(child.stdout) as { peak: number; maxRss: number };
      // maxRSS starts at the parent's RSS (the kernel keeps it across exec): what read 171 MB.
      expect(maxRss).toBeGreaterThan(200);
      expect(peak).toBeLessThan(150);
      expect(peak).toBeGreaterThan(10);
    },
  );
});
