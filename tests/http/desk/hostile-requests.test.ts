import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_DESK_BODY_BYTES } from "../../../src/http/desk/form-limit.ts";
import { type DeskHarness, deskHarness, EDITOR, lastCode, pageText } from "../../support/desk.ts";

let h: DeskHarness;
beforeEach(async () => {
  h = await deskHarness();
});
afterEach(() => h.close());

describe("the desk against hostile requests", () => {
  it("refuses a form past the limit with 413 before reading it, and sends no code", async () => {
    const token = await h.csrf();
    const res = await h.request("/desk/connexion/code", {
      method: "POST",
      form: { _csrf: token, phone: EDITOR, bourrage: "x".repeat(MAX_DESK_BODY_BYTES) },
    });
    expect(res.status).toBe(413);
    expect(await pageText(res)).toContain("plus de 64 Ko");
    expect(lastCode(h.app)).toBe("");
    // A form of normal size still works.
    const ok = await h.request("/desk/connexion/code", {
      method: "POST",
      form: { _csrf: token, phone: EDITOR },
    });
    expect(ok.status).toBe(200);
    expect(lastCode(h.app)).toMatch(/^\d{6}$/);
  });

  it("a body sent without a length (streamed) is cut at the limit too", async () => {
    const token = await h.csrf();
    const chunk = new TextEncoder().encode(`_csrf=${token}&phone=${"9".repeat(16 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * MAX_DESK_BODY_BYTES) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await h.request("/desk/connexion/code", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("refuses a malformed Origin as a foreign one (403, not a server error)", async () => {
    const token = await h.csrf();
    for (const origin of ["::::", "http://", "desk"]) {
      const res = await h.request("/desk/connexion/code", {
        method: "POST",
        headers: { origin },
        form: { _csrf: token, phone: EDITOR },
      });
      expect(res.status, origin).toBe(403);
    }
    expect(lastCode(h.app)).toBe("");
  });

  it("a session's CSRF token opens nothing in another session", async () => {
    await h.signIn();
    const first = await h.csrf();
    const cookie = h.cookies.get("desk_session");
    h.cookies.clear();
    await h.signIn();
    expect(h.cookies.get("desk_session")).not.toBe(cookie);
    const res = await h.request("/desk/deconnexion", { method: "POST", form: { _csrf: first } });
    expect(res.status).toBe(403);
  });

  it("a forged or garbled session cookie is a visitor, never an error", async () => {
    for (const value of ["%", "%E0%A4%A", "a".repeat(4000), 'x"y', "../../etc"]) {
      h.cookies.clear();
      h.cookies.set("desk_session", value);
      const res = await h.request("/desk/articles");
      expect(res.status, value).toBe(303);
      expect(res.headers.get("location")).toBe("/desk/connexion");
    }
  });

  it("asset names never walk out of the assets folder", async () => {
    for (const path of [
      "/desk/assets/..%2f..%2f..%2fpackage.json",
      "/desk/assets/..%5c..%5cdesk-app.ts",
      "/desk/assets/desk.css%00.ts",
      "/desk/assets/__proto__",
      "/desk/assets/constructor",
    ]) {
      const res = await h.request(path);
      expect(res.status, path).toBe(404);
    }
    expect((await h.request("/desk/assets/desk.css")).status).toBe(200);
  });
});
