import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSignInLink,
  LINK_TTL_MS,
  LOCK_MS,
  MAX_WRONG_CODES,
} from "../../../src/http/desk/sign-in.ts";
import { type DeskHarness, deskHarness, EDITOR, lastCode, pageText } from "../../support/desk.ts";

let h: DeskHarness;
beforeEach(async () => {
  h = await deskHarness();
});
afterEach(() => h.close());

const askCode = async (phone = EDITOR) => {
  const token = await h.csrf();
  return h.request("/desk/connexion/code", { method: "POST", form: { _csrf: token, phone } });
};
const typeCode = async (code: string, phone = EDITOR) => {
  const token = await h.csrf();
  return h.request("/desk/connexion", { method: "POST", form: { _csrf: token, phone, code } });
};

describe("desk sign-in without passwords", () => {
  it("sends pages behind sign-in to /desk/connexion, and refuses a fetch with 401", async () => {
    const page = await h.request("/desk/articles");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/desk/connexion");
    const fetched = await h.request("/desk/articles", { headers: { accept: "*/*" } });
    expect(fetched.status).toBe(401);
  });

  it("queues a one-time code to the editor's WhatsApp as an answer, and opens a session with it", async () => {
    const res = await askCode("+223 70 00 00 09");
    expect(res.status).toBe(200);
    expect(await pageText(res)).toContain("+223••••••09");
    const code = lastCode(h.app);
    expect(code).toMatch(/^\d{6}$/);
    const signed = await typeCode(code);
    expect(signed.status).toBe(303);
    expect(signed.headers.get("location")).toBe("/desk/articles");
    const cookie = signed.headers.getSetCookie().find((c) => c.startsWith("desk_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/desk/);
    const page = await h.request("/desk/articles");
    expect(page.status).toBe(200);
    expect(await pageText(page)).toContain("Connecté : +223••••••09");
    // The code works once.
    h.cookies.delete("desk_session");
    expect((await typeCode(code)).status).toBe(403);
  });

  it("answers a number that is not an editor's the same way, and sends it nothing", async () => {
    const res = await askCode("+22370000001");
    expect(res.status).toBe(200);
    expect(await pageText(res)).toContain("Si +223••••••01 est un numéro d'éditeur");
    expect(lastCode(h.app)).toBe("");
    const refused = h.app.audit.recent(5).find((a) => a.action === "desk-code");
    expect(refused).toMatchObject({ outcome: "refused", detail: "not an editor" });
    expect(refused?.actor).not.toContain("70000001");
  });

  it("says what to fix when the number is not one", async () => {
    const res = await askCode("bonjour");
    expect(res.status).toBe(400);
    expect(await pageText(res)).toContain("« bonjour » n'est pas un numéro");
  });

  it("locks the number after five wrong codes, even for the right one, and audits it", async () => {
    await askCode();
    const code = lastCode(h.app);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i < MAX_WRONG_CODES; i++) {
      const res = await typeCode(wrong);
      expect(res.status).toBe(403);
    }
    const fifth = await typeCode(wrong);
    expect(fifth.status).toBe(429);
    expect(await pageText(fifth)).toContain("bloquée pendant 15 min");
    expect((await typeCode(code)).status).toBe(429);
    expect((await askCode()).status).toBe(429);
    expect(h.app.audit.recent(20).some((a) => a.detail === "wrong code: locked")).toBe(true);
    // After the lock, a new code works again.
    h.clock.advance(LOCK_MS + 1000);
    await askCode();
    expect((await typeCode(lastCode(h.app))).status).toBe(303);
  });

  it("sends at most three codes a quarter of an hour to one number", async () => {
    for (let i = 0; i < 3; i++) expect((await askCode()).status).toBe(200);
    expect((await askCode()).status).toBe(429);
  });

  it("refuses a form without the page's token, or with another one (CSRF)", async () => {
    await h.signIn();
    const none = await h.request("/desk/deconnexion", { method: "POST", form: {} });
    expect(none.status).toBe(403);
    const bad = await h.request("/desk/deconnexion", {
      method: "POST",
      form: { _csrf: "x".repeat(43) },
    });
    expect(bad.status).toBe(403);
    const token = await h.csrf();
    const foreign = await h.request("/desk/deconnexion", {
      method: "POST",
      form: { _csrf: token },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await h.request("/desk/articles")).status).toBe(200);
  });

  it("signs out: the session is gone from the store, the cookie cleared", async () => {
    await h.signIn();
    const token = await h.csrf();
    const out = await h.request("/desk/deconnexion", { method: "POST", form: { _csrf: token } });
    expect(out.status).toBe(303);
    expect((await h.request("/desk/articles")).status).toBe(303);
  });

  it("speaks English with ?lang=en and remembers it", async () => {
    const res = await h.request("/desk/connexion?lang=en");
    expect(await pageText(res)).toContain("Sign in to the desk");
    expect(await (await h.request("/desk/connexion")).text()).toContain('lang="en"');
  });

  it("opens a session once from a desk-link link; its GET only shows a button", async () => {
    const secret = createSignInLink(h.deps, EDITOR);
    const shown = await h.request(`/desk/connexion/lien/${secret}`);
    expect(shown.status).toBe(200);
    expect(h.cookies.has("desk_session")).toBe(false);
    const token = await h.csrf();
    const used = await h.request(`/desk/connexion/lien/${secret}`, {
      method: "POST",
      form: { _csrf: token },
    });
    expect(used.status).toBe(303);
    expect((await h.request("/desk/articles")).status).toBe(200);
    h.cookies.clear();
    const again = await h.request(`/desk/connexion/lien/${secret}`, {
      method: "POST",
      form: { _csrf: await h.csrf() },
    });
    expect(again.status).toBe(403);
  });

  it("refuses an expired link", async () => {
    const secret = createSignInLink(h.deps, EDITOR);
    h.clock.advance(LINK_TTL_MS + 1);
    const res = await h.request(`/desk/connexion/lien/${secret}`, {
      method: "POST",
      form: { _csrf: await h.csrf() },
    });
    expect(res.status).toBe(403);
    expect(await pageText(res)).toContain("Ce lien a expiré");
  });
});
