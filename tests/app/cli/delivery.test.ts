import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { type CliContext, CliError } from "../../../src/app/cli/context.ts";
import { deliveryStatsSection, registerDeliveryCommands } from "../../../src/app/cli/delivery.ts";
import { harness } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";

async function cli(h: Awaited<ReturnType<typeof harness>>) {
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
  const run = async (...args: string[]) => {
    lines.length = 0;
    const program = new Command().exitOverride();
    registerDeliveryCommands(program, ctx);
    await program.parseAsync(args, { from: "user" });
    return [...lines];
  };
  return { run, ctx };
}

describe("Delivery on the command line", () => {
  it("broadcasts, schedules, cancels, pauses and resumes, and says what happened", async () => {
    const h = await harness();
    addReaders(
      h.app,
      [
        { chatId: chat(1), follows: ["politique"] },
        { chatId: chat(2), follows: ["diplomatie"] },
      ],
      h.clock.now(),
    );
    const id = h.addArticle("aes");
    const { run, ctx } = await cli(h);

    expect(await run("broadcast", String(id))).toEqual([
      "Diffusion n° 1 en file : publication sur la chaîne + 2 lecteurs.",
      "Fin estimée vers 09:00 (envoi : moins d'une minute au rythme actuel).",
      "Annuler : npm run cli -- cancel 1",
    ]);
    const scheduled = await run("alert", "Coupure", "d'eau", "--schedule", "2025-04-02 18:00");
    expect(scheduled[0]).toBe(
      "Diffusion n° 2 programmée pour 18:00 : publication sur la chaîne + 2 lecteurs (nombre actuel).",
    );
    expect(await run("pause")).toEqual([
      "Diffusions en pause : chaîne, alertes et résumés attendent (le message en cours d'envoi finit) ; les réponses aux lecteurs continuent. Reprendre : npm run cli -- resume",
    ]);
    const stats = deliveryStatsSection(ctx);
    expect(stats[0]).toMatch(/^Envois : diffusions EN PAUSE, réponses actives/);
    expect(stats[1]).toBe("Aujourd'hui : 0 envoyés, 3 en file, 0 en nouvel essai, 0 abandonnés");
    expect(stats).toContain(
      "Programmée n° 2 « Coupure d'eau » : 18:00 (annuler : npm run cli -- cancel 2)",
    );
    expect(await run("cancel", "2")).toEqual([
      "Diffusion n° 2 annulée : 0 message(s) ne partiront pas, 0 déjà envoyé(s).",
    ]);
    expect(await run("resume")).toEqual([
      "Envois repris : 3 message(s) en file partent au rythme habituel.",
    ]);
    const audit = h.app.db.prepare("SELECT action, outcome FROM audit ORDER BY id").all();
    expect(audit).toEqual([
      { action: "publish", outcome: "ok" },
      { action: "alert", outcome: "ok" },
      { action: "pause", outcome: "ok" },
      { action: "cancel", outcome: "ok" },
      { action: "resume", outcome: "ok" },
    ]);
  });

  it("refuses bad ids and dates with what to write instead", async () => {
    const h = await harness();
    const { run } = await cli(h);
    await expect(run("broadcast", "douze")).rejects.toThrow(CliError);
    await expect(run("broadcast", "12")).rejects.toThrow(/introuvable/);
    await expect(run("broadcast", "1", "--schedule", "demain")).rejects.toThrow(
      /"2025-04-02 18:00"/,
    );
    await expect(run("broadcast", "1", "--schedule", "2025-04-01 18:00")).rejects.toThrow(/passée/);
    await expect(run("cancel", "7")).rejects.toThrow(/introuvable/);
  });
});
