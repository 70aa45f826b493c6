import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeskHarness, deskHarness, pageText } from "../../support/desk.ts";

let h: DeskHarness;
let token: string;
beforeEach(async () => {
  h = await deskHarness();
  await h.signIn();
  token = await h.csrf();
});
afterEach(() => h.close());

interface Answer {
  messages: { direction: string; text: string; html: string }[];
  error?: string;
}

const say = async (message: string, comme = "lecteur") =>
  (await (
    await h.request("/desk/essayer", {
      method: "POST",
      headers: { accept: "application/json" },
      form: { _csrf: token, message, comme },
    })
  ).json()) as Answer;

describe("desk « Essayer » (the simulator in the browser)", () => {
  it("answers a reader's message with the real bot, over its own database", async () => {
    const outboxBefore = h.app.db.prepare("SELECT count(*) FROM outbox").pluck().get();
    const subscribersBefore = h.app.db.prepare("SELECT count(*) FROM subscribers").pluck().get();
    const sentBefore = h.newsroom.transport.sent.length;
    const answer = await say("menu");
    expect(answer.messages[0]).toMatchObject({ direction: "in", text: "menu" });
    const reply = answer.messages.find((m) => m.direction === "out");
    expect(reply?.text).toMatch(/dernières/i);
    expect(reply?.html).toContain('class="msg out"');
    // Nothing reached the real store or the real transport.
    expect(h.app.db.prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(outboxBefore);
    expect(h.app.db.prepare("SELECT count(*) FROM subscribers").pluck().get()).toBe(
      subscribersBefore,
    );
    expect(h.newsroom.transport.sent.length).toBe(sentBefore);
    // The conversation stays on the page.
    const page = await pageText(await h.request("/desk/essayer"));
    expect(page).toContain('class="msg in"');
    expect(page).toMatch(/:memory:/);
  });

  it("lets the newsroom write as the simulator's editor", async () => {
    const answer = await say("/aide", "editeur");
    const reply = answer.messages.find((m) => m.direction === "out");
    expect(reply?.text).toMatch(/\/publier/);
  });

  it("works without scripts: the form posts and the page shows the answer", async () => {
    const res = await h.request("/desk/essayer", {
      method: "POST",
      form: { _csrf: token, message: "rubriques", comme: "lecteur" },
    });
    expect(res.status).toBe(303);
    const page = await pageText(await h.request(res.headers.get("location") ?? ""));
    expect(page).toContain("rubriques");
    expect((page.match(/class="msg /g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses an empty or too long message in French, and a post without the token", async () => {
    expect((await say("   ")).error).toMatch(/menu/);
    expect((await say("x".repeat(1001))).error).toBe(
      "Message trop long : 1000 caractères au plus.",
    );
    const res = await h.request("/desk/essayer", { method: "POST", form: { message: "menu" } });
    expect(res.status).toBe(403);
  });

  it("clears the conversation", async () => {
    await say("bonjour");
    const res = await h.request("/desk/essayer/effacer", {
      method: "POST",
      form: { _csrf: token },
    });
    const page = await pageText(res);
    expect(page).toContain("Conversation effacée.");
    expect(page).not.toContain('class="msg in"');
  });
});
