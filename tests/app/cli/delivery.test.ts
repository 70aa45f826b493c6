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
    // The example is one to come (the clock says 2 April 2025, 09:00).
    await expect(run("broadcast", "1", "--schedule", "demain")).rejects.toThrow(
      /"2025-04-03 18:00"/,
    );
    await expect(run("broadcast", "1", "--schedule", "2025-04-01 18:00")).rejects.toThrow(
      /passée.*"2025-04-03 18:00"/,
    );
    await expect(run("cancel", "7")).rejects.toThrow(/Diffusion n° 7 introuvable/);
  });
});

describe("The publishing rules on the command line, as on the phone", () => {
  it("schedules a future-dated article for its date unless --now", async () => {
    const h = await harness();
    addReaders(h.app, [{ chatId: chat(1), follows: ["politique"] }], h.clock.now());
    const id = h.addArticle("aes", { publishedAt: new Date("2025-04-02T18:00:00Z") });
    const { run } = await cli(h);
    const lines = await run("broadcast", String(id));
    expect(lines[0]).toBe(
      "Diffusion n° 1 programmée pour 18:00 : publication sur la chaîne + 1 lecteur (nombre actuel).",
    );
    expect(lines).toContain(
      `L'article est daté de cette heure : rien n'est envoyé avant. Pour l'envoyer tout de suite : npm run cli -- broadcast ${id} --now`,
    );
    expect(h.app.outbox.dayCounts(new Date(0), new Date(8.64e15)).queued).toBe(0);
    const again = await run("broadcast", String(id));
    expect(again).toContain(
      "Attention : cet article était déjà programmé (diffusion n° 1). Annuler l'une : npm run cli -- cancel 1",
    );
    expect((await run("broadcast", String(id), "--now"))[0]).toBe(
      "Diffusion n° 3 en file : publication sur la chaîne + 1 lecteur.",
    );
  });

  it("asks before an old article or an alert: --yes in scripts, a question on a terminal", async () => {
    const h = await harness();
    addReaders(h.app, [{ chatId: chat(1) }, { chatId: chat(2) }], h.clock.now());
    const old = h.addArticle("aes", { publishedAt: new Date("2025-03-20T10:00:00Z") });
    const { run, ctx } = await cli(h);
    const queued = () => h.app.outbox.dayCounts(new Date(0), new Date(8.64e15)).queued;

    // No terminal, no --yes: nothing is sent, and the error says how to confirm.
    await expect(run("broadcast", String(old))).rejects.toThrow(
      /date du 20 mars 2025 \(plus de 48 h\)\.\nRépondez OUI dans les 5 min pour envoyer à la chaîne seulement \(aucun lecteur abonné concerné\)\. NON pour abandonner\.\nConfirmation requise et aucun terminal pour répondre : rien n'a été envoyé\. Relancez avec --yes pour confirmer\./s,
    );
    expect(queued()).toBe(0);
    expect((await run("broadcast", String(old), "--yes"))[0]).toBe(
      "Diffusion n° 1 en file : publication sur la chaîne + 0 lecteur.",
    );
    expect(queued()).toBe(1);
    // On a terminal the same question is asked; « non » sends nothing.
    const asked: string[] = [];
    let answer = false;
    ctx.ask = async (q) => {
      asked.push(q);
      return answer;
    };
    const declined = await run("alert", "Coupure", "d'eau", "à", "Bamako");
    expect(declined).toEqual([
      [
        "*Alerte à tous les abonnés* : « Coupure d'eau à Bamako »",
        "Répondez OUI dans les 5 min pour envoyer à 2 lecteurs et à la chaîne. NON pour abandonner.",
      ].join("\n"),
      "C'est abandonné : rien n'a été envoyé.",
    ]);
    expect(asked).toEqual(["Envoyer ? (oui/non) "]);
    expect(queued()).toBe(1);
    answer = true;
    const sent = await run("alert", "Coupure", "d'eau", "à", "Bamako");
    expect(sent[1]).toBe("Diffusion n° 2 en file : publication sur la chaîne + 2 lecteurs.");
    expect(queued()).toBe(4);
    const audit = h.app.db.prepare("SELECT action, outcome, detail FROM audit ORDER BY id").all();
    expect(
      audit.map((a) => `${(a as { action: string }).action}:${(a as { outcome: string }).outcome}`),
    ).toEqual([
      "publish:ok",
      "publish:error",
      "publish:ok",
      "publish:confirmed:ok",
      "alert:ok",
      "alert:ok",
      "alert:ok",
      "alert:confirmed:ok",
    ]);
    // A schedule of an old article asks the same question (answered « oui » here).
    const other = h.addArticle("coton", { publishedAt: new Date("2025-03-21T10:00:00Z") });
    const scheduled = await run("broadcast", String(other), "--schedule", "2025-04-02 18:00");
    expect(scheduled[0]).toMatch(
      /plus de 48 h\)\.\nRépondez OUI dans les 5 min pour le programmer pour 02\/04\/2025 18:00, à la chaîne seulement/,
    );
    expect(h.app.delivery.desk.scheduled().map((b) => b.articleId)).toEqual([other]);
  });
});
