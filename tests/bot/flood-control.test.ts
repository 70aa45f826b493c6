import { describe, expect, it } from "vitest";
import { FloodControl } from "../../src/bot/flood-control.ts";

describe("flood control", () => {
  const at = (s: number) => new Date(s * 1000);

  it("answers a burst, warns once beyond it, then stays silent for the cool-down", () => {
    const flood = new FloodControl({ burst: 3, windowMs: 10_000, cooldownMs: 60_000 });
    expect([1, 2, 3].map((s) => flood.check("a@c.us", at(s)))).toEqual(["ok", "ok", "ok"]);
    expect(flood.check("a@c.us", at(4))).toBe("warn");
    expect(flood.check("a@c.us", at(30))).toBe("drop");
    expect(flood.check("a@c.us", at(65))).toBe("ok"); // cool-down over
  });

  it("counts each sender on their own, within a sliding window", () => {
    const flood = new FloodControl({ burst: 2, windowMs: 10_000 });
    expect(flood.check("a@c.us", at(0))).toBe("ok");
    expect(flood.check("b@c.us", at(0))).toBe("ok");
    expect(flood.check("a@c.us", at(5))).toBe("ok");
    expect(flood.check("a@c.us", at(11))).toBe("ok"); // the first one left the window
  });
});
