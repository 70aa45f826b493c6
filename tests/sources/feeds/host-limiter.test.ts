import { describe, expect, it } from "vitest";
import { HostLimiter } from "../../../src/sources/feeds/host-limiter.ts";

describe("the host limiter", () => {
  it("runs one task per host at a time, different hosts side by side, within the cap", async () => {
    const limiter = new HostLimiter(2);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      limiter.run("a.ml", task("a1")),
      limiter.run("a.ml", task("a2")),
      limiter.run("b.sn", task("b1")),
      limiter.run("c.ci", task("c1")),
    ]);
    expect(results).toEqual(["a1", "a2", "b1", "c1"]);
    expect(most).toBe(2);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
  });

  it("keeps going after a task fails", async () => {
    const limiter = new HostLimiter(1);
    await expect(
      limiter.run("a.ml", async () => Promise.reject(new Error("HTTP 500"))),
    ).rejects.toThrow("HTTP 500");
    await expect(limiter.run("a.ml", async () => "ok")).resolves.toBe("ok");
  });
});
