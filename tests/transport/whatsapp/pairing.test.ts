import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { fakeWhatsApp as setup } from "./fake-client.ts";

describe("WhatsApp adapter: pairing by phone code instead of the QR", () => {
  it("asks whatsapp-web.js for a code for WHATSAPP_PAIRING_PHONE and shows it, number masked", async () => {
    const t = setup({ WHATSAPP_PAIRING_PHONE: "+223 70 12 34 56" });
    await t.transport.start(t.handlers);
    expect(t.current().options.pairWithPhoneNumber).toEqual({
      phoneNumber: "22370123456",
      showNotification: true,
    });
    t.current().emit("code", "K7QM2ZXA");
    expect(t.codes).toEqual(["K7QM2ZXA"]);
    const line = t.lines().find((l) => l.code);
    expect(line?.code).toBe("K7QM-2ZXA");
    expect(line?.msg).toMatch(/code d'association.*Connecter avec un numéro de téléphone/);
    // Phone numbers are personal data: the log shows it masked, never whole.
    expect(JSON.stringify(t.lines())).not.toContain("22370123456");
    expect(t.qrs).toEqual([]);
    await t.transport.stop();
  });

  it("keeps the QR when no pairing number is set", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    expect(t.current().options.pairWithPhoneNumber).toBeUndefined();
    await t.transport.stop();
  });

  it("refuses a pairing number that is not international, saying how to write it", () => {
    expect(() => loadConfig({ WHATSAPP_PAIRING_PHONE: "70123456" })).toThrow(
      /WHATSAPP_PAIRING_PHONE=70123456 : .*format international, ex\. \+22370000000/,
    );
    expect(loadConfig({ WHATSAPP_PAIRING_PHONE: "" }).whatsapp.pairingPhone).toBeNull();
  });
});
