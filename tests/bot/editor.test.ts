import { describe, expect, it } from "vitest";
import { EDITOR, EDITOR_LID, EDITOR_PHONE, harness, READER, UNKNOWN_LID } from "../support/bot.ts";

const UNKNOWN_ANSWER = (text: string) =>
  `Je n'ai pas compris « ${text} ». Écrivez *menu* pour voir ce que je sais faire.`;

describe("editor commands from an editor", () => {
  it("previews an article as the Channel and the followers would see it", async () => {
    const h = await harness();
    const [preview] = await h.say("/apercu 1", EDITOR);
    expect(preview).toMatch(/^\*Aperçu de l'article 1\* \(publié\)\n\n— Chaîne —\n\*AES-Russie/);
    expect(preview).toContain("— Alerte aux abonnés —\n🔔 *AES-Russie");
    expect(preview).toContain("Pour publier : /publier 1");
    expect((await h.say("/apercu 5", EDITOR))[0]).toContain("(brouillon)");
    expect((await h.say("/apercu 6", EDITOR))[0]).toContain("(programmé)");
    expect(h.backend.calls).toEqual([]);
  });

  it("publishes through the delivery backend and says what was queued, with an honest ETA", async () => {
    const h = await harness();
    expect(await h.say("/publier 1", EDITOR)).toEqual([
      [
        "Article 1 « AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique » en file d'envoi (diffusion n° 7).",
        "Chaîne : oui · 42 lecteurs · fin estimée : ~28 min.",
        "/annuler 7 pour l'arrêter, /pause pour tout arrêter.",
      ].join("\n"),
    ]);
    expect(h.backend.calls).toEqual([`publish 1 by ${EDITOR_PHONE}`]);
    expect(h.app.audit.recent(1)[0]).toMatchObject({
      actor: EDITOR_PHONE,
      via: "test",
      action: "publish",
      target: "1",
      outcome: "ok",
    });
  });

  it("explains a missing id, an unknown article and a refusal from delivery", async () => {
    const h = await harness();
    expect(await h.say("/publier", EDITOR)).toEqual([
      "Écrivez /publier suivi du numéro de l'article, ex. /publier 4, ou /publier 4 maintenant pour ne pas attendre sa date (/articles pour les numéros).",
    ]);
    expect(await h.say("/publier 404", EDITOR)).toEqual([
      "Article 404 introuvable. Vérifiez le numéro : /articles donne la liste.",
    ]);
    h.backend.failPublish = new Error("l'article 5 est un brouillon : publiez-le d'abord");
    expect(await h.say("/publier 5", EDITOR)).toEqual([
      "Échec : l'article 5 est un brouillon : publiez-le d'abord",
    ]);
    expect(h.app.audit.recent(2).map((e) => `${e.action}:${e.outcome}:${e.target}`)).toEqual([
      "publish:error:5",
      "publish:error:404",
    ]);
  });

  it("sends a breaking alert, keeps it short, and pauses and resumes everything", async () => {
    const h = await harness();
    expect((await h.say("/alerte Coupure d'électricité à Bamako ce soir", EDITOR))[0]).toMatch(
      /^Alerte en file d'envoi \(diffusion n° 8\)\.\nChaîne : oui · 120 lecteurs · fin estimée : ~1 h 35\./,
    );
    expect(h.backend.calls).toEqual([
      `alert "Coupure d'électricité à Bamako ce soir" by ${EDITOR_PHONE}`,
    ]);
    expect(await h.say(`/alerte ${"x".repeat(1001)}`, EDITOR)).toEqual([
      "Alerte trop longue (1 001 caractères) : 1 000 au plus, pour les petits forfaits. Raccourcissez-la.",
    ]);
    expect(await h.say("/alerte", EDITOR)).toEqual([
      "Écrivez /alerte suivi du texte, ex. /alerte Coupure d'électricité à Bamako ce soir.",
    ]);
    expect(await h.say("/pause", EDITOR)).toEqual([
      "Diffusions en pause : chaîne, alertes et résumés attendent. Les réponses aux lecteurs continuent. /reprendre pour relancer.",
    ]);
    expect(await h.say("/pause", EDITOR)).toEqual([
      "Les diffusions étaient déjà en pause. /reprendre pour relancer.",
    ]);
    expect(await h.say("/reprendre", EDITOR)).toEqual(["Les envois reprennent."]);
    expect(h.app.audit.recent(3).map((e) => e.action)).toEqual(["resume", "pause", "pause"]);
  });

  it("shows sending stats", async () => {
    const h = await harness();
    expect(await h.say("/stats", EDITOR)).toEqual([
      [
        "*Statistiques*",
        "Diffusions : actives · WhatsApp : connecté",
        "Aujourd'hui : 120 envoyés, 3 en file, 1 en échec, 0 abandonné",
        "- Article 1 : 40/42 lecteurs (1 échec), fin estimée moins d'une minute",
        "Abonnés : 42 (40 en instantané, 2 en quotidien), 3 arrêtés",
        "Articles : 4 publiés, 1 programmé, 1 brouillon",
      ].join("\n"),
    ]);
  });

  it("suggests a misspelt editor command and lists them on /aide", async () => {
    const h = await harness();
    expect(await h.say("/publer 1", EDITOR)).toEqual([
      "Commande inconnue. Vouliez-vous dire /publier ? (/aide)",
    ]);
    expect((await h.say("/aide", EDITOR))[0]).toMatch(
      /^\*Commandes éditeur\*\n\/articles \[rubrique\] \[N\]/,
    );
    // Editors are readers too.
    expect((await h.say("/menu", EDITOR))[0]).toContain("1. *dernières*");
    expect(h.backend.calls).toEqual([]);
  });
});

describe("editor commands from anyone else", () => {
  it("a reader gets the ordinary unknown-command answer, and the refusal is audited", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("/publier 1")).toEqual([UNKNOWN_ANSWER("/publier 1")]);
    expect(await h.say("/pause")).toEqual([UNKNOWN_ANSWER("/pause")]);
    expect(await h.say("/alerte Faux coup d'État")).toEqual([
      UNKNOWN_ANSWER("/alerte Faux coup d'État"),
    ]);
    expect(h.backend.calls).toEqual([]);
    const refusals = h.app.audit.recent(3);
    expect(refusals.map((r) => `${r.action}:${r.outcome}:${r.target}`)).toEqual([
      "refused:refused:/alerte Faux coup d'État",
      "refused:refused:/pause",
      "refused:refused:/publier 1",
    ]);
    // A stranger's number is not kept in the audit.
    expect(refusals[0]?.actor).toBe("+223••••••00@c.us");
    expect(JSON.stringify(refusals)).not.toContain("22370000000");
  });

  it("a reader's /aide is the reader menu (no hint that editor commands exist)", async () => {
    const h = await harness();
    await h.say("menu");
    expect((await h.say("/aide"))[0]).toContain("1. *dernières*");
    expect((await h.say("/aide"))[0]).not.toContain("/publier");
  });

  it("an @lid that resolves to an editor's number is that editor", async () => {
    const h = await harness();
    expect((await h.say("/publier 1", EDITOR_LID))[0]).toContain("en file d'envoi");
    expect(h.backend.calls).toEqual([`publish 1 by ${EDITOR_PHONE}`]);
    expect(h.app.audit.recent(1)[0]?.actor).toBe(EDITOR_PHONE);
    // Resolved once, then cached.
    await h.say("/stats", EDITOR_LID);
    expect(h.transport.resolveCalls).toEqual([[EDITOR_LID]]);
  });

  it("an @lid nobody can resolve is not an editor", async () => {
    const h = await harness();
    await h.say("menu", UNKNOWN_LID);
    expect(await h.say("/publier 1", UNKNOWN_LID)).toEqual([UNKNOWN_ANSWER("/publier 1")]);
    expect(h.backend.calls).toEqual([]);
    expect(h.app.audit.recent(1)[0]).toMatchObject({
      action: "refused",
      detail: "not an editor (linked id)",
    });
  });

  it("an @lid whose resolution fails is not an editor, and is asked again later", async () => {
    const h = await harness();
    const lid = "999000111222333@lid";
    const original = h.transport.resolvePhones.bind(h.transport);
    let failing = true;
    h.transport.resolvePhones = async (ids) => {
      if (failing) throw new Error("WhatsApp Web not ready");
      return original(ids);
    };
    h.transport.setPhone(lid, EDITOR_PHONE);
    await h.say("menu", lid);
    expect(await h.say("/stats", lid)).toEqual([UNKNOWN_ANSWER("/stats")]);
    failing = false;
    h.clock.advance(10 * 60_000);
    expect((await h.say("/stats", lid))[0]).toMatch(/^\*Statistiques\*/);
  });

  it("ordinary text never reaches the identity check", async () => {
    const h = await harness();
    await h.say("dernieres", UNKNOWN_LID);
    await h.say("chercher sahel", UNKNOWN_LID);
    expect(h.transport.resolveCalls).toEqual([]);
    expect(h.repliesTo(READER)).toEqual([]);
  });
});
