import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeskHarness, deskHarness, EDITOR, pageText } from "../../support/desk.ts";

let h: DeskHarness;
beforeEach(async () => {
  h = await deskHarness();
  await h.signIn();
});
afterEach(() => h.close());

const at = (iso: string) => new Date(iso);

/** A few days of editors' actions through the real repo. */
function seedJournal(): void {
  const a = h.app.audit;
  a.record(
    { actor: EDITOR, via: "whatsapp", action: "publish", target: "12", outcome: "ok" },
    at("2026-11-20T10:00:00Z"),
  );
  a.record(
    {
      actor: "+22370000123",
      via: "whatsapp",
      action: "publish",
      target: "13",
      outcome: "refused",
      detail: "not an editor +22370000123",
    },
    at("2026-11-25T10:00:00Z"),
  );
  a.record(
    { actor: EDITOR, via: "desk", action: "pause", target: null, outcome: "ok" },
    at("2026-11-28T23:30:00Z"),
  );
  a.record(
    {
      actor: EDITOR,
      via: "cli",
      action: "alert",
      target: null,
      outcome: "ok",
      detail: "Coupure d'électricité à Bamako",
    },
    at("2026-11-29T08:00:00Z"),
  );
}

describe("desk journal", () => {
  it("lists the audit log newest first, numbers masked everywhere", async () => {
    seedJournal();
    const text = await pageText(await h.request("/desk/journal"));
    expect(text).toContain("Coupure d'électricité à Bamako");
    expect(text.indexOf("Coupure")).toBeLessThan(text.indexOf("not an editor"));
    expect(text).not.toContain("22370000123");
    expect(text).not.toContain("22370000009");
    expect(text).toContain("+223••••••23");
  });

  it("filters by who, via, action and dates in the newsroom's zone", async () => {
    seedJournal();
    const ids = async (query: string) => {
      const text = await pageText(await h.request(`/desk/journal?${query}`));
      return [...text.matchAll(/data-audit="(\d+)"/g)].map((m) => m[1]);
    };
    const all = await ids("");
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await ids("qui=0123")).toHaveLength(1);
    expect(await ids("par=cli")).toHaveLength(1);
    expect((await ids("action=publ&qui=0009")).length).toBe(1);
    // Bamako is UTC+0: 28 Nov 23:30 is the 28th; the 29th holds only the CLI alert.
    expect(await ids("du=2026-11-29&au=2026-11-29")).toHaveLength(1);
    expect(await ids("du=2026-11-25&au=2026-11-28")).toHaveLength(2);
  });

  it("names a bad filter in French and still applies the others", async () => {
    seedJournal();
    const res = await h.request("/desk/journal?du=29/11/2026&par=cli&qui=abc");
    expect(res.status).toBe(400);
    const text = await pageText(res);
    expect(text).toContain("Date illisible « 29/11/2026 » : attendu AAAA-MM-JJ");
    expect(text).toContain("« abc » n'est pas une fin de numéro");
    expect([...text.matchAll(/data-audit="/g)]).toHaveLength(1);
  });

  it("pages through a long journal by id, filters kept", async () => {
    for (let i = 0; i < 120; i++) {
      h.app.audit.record(
        { actor: EDITOR, via: "desk", action: `preview`, target: String(i), outcome: "ok" },
        at("2026-11-30T10:00:00Z"),
      );
    }
    const first = await pageText(await h.request("/desk/journal?par=desk&action=preview"));
    expect([...first.matchAll(/data-audit="/g)]).toHaveLength(50);
    const next = /rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    expect(next).toMatch(/par=desk/);
    expect(next).toMatch(/avant=\d+/);
    const second = await pageText(await h.request(next ?? ""));
    expect([...second.matchAll(/data-audit="/g)]).toHaveLength(50);
    const third = await pageText(
      await h.request(/rel="next" href="([^"]+)"/.exec(second)?.[1]?.replace(/&amp;/g, "&") ?? ""),
    );
    expect([...third.matchAll(/data-audit="/g)]).toHaveLength(20);
    expect(third).not.toContain('rel="next"');
  });

  it("is behind sign-in", async () => {
    h.cookies.clear();
    const res = await h.request("/desk/journal");
    expect([302, 303, 401]).toContain(res.status);
  });
});
