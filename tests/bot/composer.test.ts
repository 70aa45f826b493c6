import { describe, expect, it } from "vitest";
import { Composer, run } from "../../src/bot/composer.ts";

interface Ctx {
  text: string;
  log: string[];
}
const ctx = (text: string): Ctx => ({ text, log: [] });

describe("Composer", () => {
  it("runs middleware in order, a filter only when its predicate holds", async () => {
    const c = new Composer<Ctx>();
    c.use((x, next) => {
      x.log.push("start");
      return next();
    });
    c.filter(
      (x) => x.text === "menu",
      (x) => void x.log.push("menu"),
    );
    c.filter(
      (x) => x.text === "stop",
      (x) => void x.log.push("stop"),
    );
    c.use((x) => void x.log.push("fallback"));
    const a = ctx("menu");
    await run(c, a);
    expect(a.log).toEqual(["start", "menu"]);
    const b = ctx("???");
    await run(c, b);
    expect(b.log).toEqual(["start", "fallback"]);
  });

  it("an error boundary catches what its branch throws; what follows still runs if it says so", async () => {
    const c = new Composer<Ctx>();
    const caught: string[] = [];
    c.errorBoundary(
      (error, next) => {
        caught.push(error.message);
        error.ctx.log.push("désolé");
        return next();
      },
      (x) => {
        if (x.text === "boom") throw new Error("database is locked");
      },
    );
    c.use((x) => void x.log.push("after"));
    const a = ctx("boom");
    await run(c, a);
    expect(caught).toEqual(["database is locked"]);
    expect(a.log).toEqual(["désolé", "after"]);
    // Without an error, a branch that does not call next() ends the chain.
    const b = ctx("calm");
    await run(c, b);
    expect(b.log).toEqual([]);
  });

  it("refuses a middleware that calls next() twice", async () => {
    const c = new Composer<Ctx>(
      async (_x, next) => {
        await next();
        await next();
      },
      (x) => void x.log.push("once"),
    );
    await expect(run(c, ctx("x"))).rejects.toThrow("next() called twice");
  });
});
