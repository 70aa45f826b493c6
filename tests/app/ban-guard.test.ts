import { describe, expect, it } from "vitest";
import { BanGuard } from "../../src/app/ban-guard.ts";
import { harness } from "../support/delivery.ts";

describe("the ban guard", () => {
  it("pauses broadcasts on a spike of 131048 and tells each editor why; a few do nothing", async () => {
    const h = await harness({ env: { EDITORS: "+22370000099,+22370000098" } });
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: h.app.config.editors,
      language: "fr",
    });
    for (let i = 0; i < 4; i++) expect(guard.signal("spam-rate")).toBe(false);
    expect(guard.signal("throughput")).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    h.clock.advance(11 * 60_000); // the first four are old news now
    for (let i = 0; i < 4; i++) guard.signal("spam-rate");
    expect(h.app.settings.isPaused()).toBe(false);
    expect(guard.signal("spam-rate")).toBe(true);
    expect(h.app.settings.isPaused()).toBe(true);
    await h.dispatcher.drain();
    const told = h.transport.sent.filter((s) => s.to.startsWith("2237000009"));
    expect(told.map((s) => s.to).sort()).toEqual(["22370000098@c.us", "22370000099@c.us"]);
    expect(told[0]?.text).toMatch(/pause automatiquement : Meta limite le numéro \(131048/);
    h.app.close();
  });

  it("tells editors in the newsroom's language", async () => {
    const h = await harness({ env: { EDITORS: "+22370000099", LANGUAGE: "en" } });
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: h.app.config.editors,
      language: h.app.config.language,
    });
    expect(guard.signal("auth")).toBe(true);
    await h.dispatcher.drain();
    const told = h.transport.sentTo("22370000099@c.us");
    expect(told[0]).toMatch(
      /^⚠️ Broadcasts paused automatically: the WhatsApp API refuses the token/,
    );
    h.app.close();
  });

  it("a WhatsApp Web logout pauses, a network drop does not", async () => {
    const h = await harness();
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: [],
      language: "fr",
    });
    expect(guard.transportDown("NAVIGATION")).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    expect(guard.transportDown("LOGOUT")).toBe(true);
    expect(h.app.settings.isPaused()).toBe(true);
    h.app.close();
  });
});
