import { describe, expect, it } from "vitest";
import { harness } from "../support/delivery.ts";
import { chat } from "../support/delivery-helpers.ts";

describe("what reaches a screen", () => {
  it("never carries a bidi override or isolate, whoever wrote the text", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    app.outbox.enqueue(
      {
        kind: "reply",
        recipient: chat(1),
        body: "Résultats pour « \u202egpj.exe\u202c » \u2066x\u2069",
      },
      clock.now(),
    );
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.text)).toEqual(["Résultats pour « gpj.exe » x"]);
  });
});
