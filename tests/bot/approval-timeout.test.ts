import { describe, expect, it } from "vitest";
import { type ConfigError, loadConfig } from "../../src/config.ts";
import { EDITOR, harness } from "../support/bot.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/**
 * APPROVAL_TIMEOUT: an article nobody handled in time is published or dropped as .env says.
 * Fixtures as in desk.test.ts: articles 1, 3, 4 are of the last 24 h at 2025-04-03 09:00.
 */
async function approval(action: string) {
  const h = await harness({
    desk: true,
    start: "2025-04-03T09:00:00Z",
    env: {
      CHANNEL_ID: "120363000000000000@newsletter",
      TZ: "Africa/Bamako",
      APPROVAL: "on",
      APPROVAL_TIMEOUT: "2h",
      APPROVAL_TIMEOUT_ACTION: action,
    },
  });
  addReaders(h.app, [{ chatId: chat(1), follows: ["société"] }], h.clock.now());
  const queued = (kind: string) =>
    h.app.db
      .prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = ?")
      .get(kind)?.n ?? 0;
  return { ...h, queued };
}

describe("APPROVAL_TIMEOUT", () => {
  it("publishes what nobody handled in time, tells the editors, audits it; what editors handled is left alone", async () => {
    const h = await approval("publier");
    expect(h.app.delivery.planner.planDue().awaiting).toEqual([1, 3, 4]);
    expect(h.repliesTo(EDITOR)).toContain(
      "Nouvel article n° 4 « Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte » — /publier 4 ou /ignorer 4\nSans réponse d'ici 11:00, il sera publié automatiquement.",
    );
    await h.say("/ignorer 4", EDITOR);
    await h.say("/publier 3", EDITOR);
    const before = h.queued("channel");
    h.clock.advance(119 * 60_000);
    expect(h.app.delivery.planner.planDue().started).toEqual([]);
    h.clock.advance(2 * 60_000);
    const pass = h.app.delivery.planner.planDue();
    expect(pass.started.map((s) => s.broadcast.articleId)).toEqual([1]);
    expect(h.queued("channel")).toBe(before + 1);
    expect(h.repliesTo(EDITOR).at(-1)).toMatch(
      /^Article n° 1 « .* » publié automatiquement : personne ne l'a traité en 120 min \(APPROVAL_TIMEOUT\)\. \/annuler \d+ pour l'arrêter\.$/,
    );
    expect(h.app.audit.recent(1)[0]).toMatchObject({
      actor: "APPROVAL_TIMEOUT",
      action: "approval-timeout",
      target: "1",
      detail: expect.stringMatching(/^published: broadcast \d+ after 120 min$/),
    });
    expect(h.app.approvals.get(4)?.outcome).toBe("ignored");
    expect(h.app.approvals.get(3)?.outcome).toBe("published");
    // Once only.
    expect(h.app.delivery.planner.planDue().started).toEqual([]);
  });

  it("drops what nobody handled when so configured: nothing is sent, editors are told", async () => {
    const h = await approval("ignorer");
    h.app.delivery.planner.planDue();
    expect(h.repliesTo(EDITOR)[0]).toContain("il sera abandonné (jamais envoyé sans /publier)");
    h.clock.advance(121 * 60_000);
    expect(h.app.delivery.planner.planDue().started).toEqual([]);
    expect(h.queued("channel")).toBe(0);
    expect(h.repliesTo(EDITOR).at(-1)).toMatch(
      /^Article n° \d « .* » abandonné : personne ne l'a traité en 120 min \(APPROVAL_TIMEOUT\)\. \/publier \d reste possible\.$/,
    );
    expect(h.app.approvals.get(1)?.outcome).toBe("timeout-dropped");
  });

  it("is validated with a message that says what to write", () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DATABASE_PATH: ":memory:", ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(
      problems({ APPROVAL: "on", APPROVAL_TIMEOUT: "bientôt", APPROVAL_TIMEOUT_ACTION: "publier" }),
    ).toEqual([
      "APPROVAL_TIMEOUT=bientôt : une durée entre 1 minute et 7 jours, ex. 45min, 2h ou 1h30 (laissez vide : l'article attend un éditeur sans limite)",
    ]);
    expect(problems({ APPROVAL: "on", APPROVAL_TIMEOUT: "2h" })[0]).toMatch(
      /^APPROVAL_TIMEOUT_ACTION : obligatoire avec APPROVAL_TIMEOUT — écrivez publier/,
    );
    expect(problems({ APPROVAL_TIMEOUT: "2h", APPROVAL_TIMEOUT_ACTION: "publier" })[0]).toMatch(
      /^APPROVAL_TIMEOUT=2h : n'a d'effet qu'avec APPROVAL=on/,
    );
    expect(
      problems({ APPROVAL: "on", APPROVAL_TIMEOUT: "2h", APPROVAL_TIMEOUT_ACTION: "envoyer" })[0],
    ).toMatch(/^APPROVAL_TIMEOUT_ACTION=envoyer : écrivez publier/);
    for (const [text, minutes] of [
      ["45", 45],
      ["45min", 45],
      ["2h", 120],
      ["1h30", 90],
      ["1 h 30", 90],
    ] as const) {
      expect(
        loadConfig({
          DATABASE_PATH: ":memory:",
          APPROVAL: "on",
          APPROVAL_TIMEOUT: text,
          APPROVAL_TIMEOUT_ACTION: "ignorer",
        }).approvalTimeout,
      ).toEqual({ minutes, action: "drop" });
    }
  });
});
