import { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CliContext } from "../../../src/app/cli/context.ts";
import { deliveryStatsSection, registerDeliveryCommands } from "../../../src/app/cli/delivery.ts";
import { harness } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";

describe("receipts on the command line (cli broadcasts, cli stats)", () => {
  it("show « N envoyés · N reçus · N lus » per broadcast, for today and per rubric", async () => {
    const h = await harness({ env: { CHANNEL_ID: "" } });
    addReaders(
      h.app,
      Array.from({ length: 4 }, (_, i) => ({ chatId: chat(i), follows: ["Sport"] })),
      h.clock.now(),
    );
    const receipt = h.app.delivery.desk.publish(h.addArticle("aigles"), "cli");
    await h.dispatcher.drain({ until: new Date(h.clock.now().getTime() + 3600_000) });
    const [a, b, c] = h.transport.sent.map((s) => s.transportId as string);
    const at = h.clock.now();
    for (const id of [a, b, c])
      h.app.receipts.record({ transportId: id as string, status: "delivered", at });
    h.app.receipts.record({ transportId: a as string, status: "read", at });

    const lines: string[] = [];
    const ctx = {
      config: () => h.app.config,
      app: () => h.app,
      ingest: () => {
        throw new Error("not needed");
      },
      out: (line: string) => lines.push(line),
      interactive: false,
      close: () => {},
    } as CliContext;
    const program = new Command().exitOverride();
    registerDeliveryCommands(program, ctx);
    await program.parseAsync(["broadcasts"], { from: "user" });
    expect(lines[0]).toMatch(
      new RegExp(
        `^n° ${receipt.broadcastId} .*4/4 lecteurs — terminé — 4 envoyés · 3 reçus · 1 lu$`,
      ),
    );
    const stats = deliveryStatsSection(ctx);
    expect(stats).toContain("Diffusions du jour : 4 envoyés · 3 reçus · 1 lu");
    expect(stats).toContain("- sport : 4 envoyés · 3 reçus · 1 lu");
    h.app.close();
  });
});
