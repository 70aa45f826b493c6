import { afterEach, describe, expect, it } from "vitest";
import { PairingWatch } from "../../../src/app/pairing.ts";
import { type DeskHarness, deskHarness, pageText } from "../../support/desk.ts";

let h: DeskHarness;
afterEach(() => h.close());

describe("desk pairing page", () => {
  it("draws the live QR as an image, offers the pairing code, and shows doctor's checks", async () => {
    const asked: string[] = [];
    const watch = new PairingWatch("whatsapp", async (phone) => {
      asked.push(phone);
      return "ABCD1234";
    });
    h = await deskHarness(
      {},
      {
        pairing: watch,
        checks: async () => [
          { name: "Chromium", status: "ok", detail: "trouvé : /usr/bin/chromium" },
        ],
      },
    );
    await h.signIn();
    expect(await pageText(await h.request("/desk/appairage"))).toContain("WhatsApp démarre");
    watch.qr("2@AbCdEf,ghIJ==,kl==");
    const page = await pageText(await h.request("/desk/appairage"));
    expect(page).toContain("scannez le QR");
    expect(page).toContain("trouvé : /usr/bin/chromium");
    const svg = await h.request("/desk/appairage/qr.svg");
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg/);
    const state = (await (await h.request("/desk/appairage/etat")).json()) as { status: string };
    expect(state.status).toBe("qr");
    const coded = await h.request("/desk/appairage/code", {
      method: "POST",
      form: { _csrf: await h.csrf(), phone: "+223 70 11 22 33" },
    });
    expect(await pageText(coded)).toContain("Code d'appairage : ABCD1234");
    expect(asked).toEqual(["+22370112233"]);
    watch.status("up");
    expect(await pageText(await h.request("/desk/appairage"))).toContain("WhatsApp est connecté");
    expect((await h.request("/desk/appairage/qr.svg")).status).toBe(404);
    watch.status("down", "LOGOUT");
    expect(await pageText(await h.request("/desk/appairage"))).toContain(
      "WhatsApp est injoignable (LOGOUT).",
    );
  });
});
