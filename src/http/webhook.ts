import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../log.ts";
import { ReplayGuard } from "./replay-guard.ts";
import { validSignature } from "./signature.ts";

/** Meta's webhook bodies are a few kB; Meta documents 3 MB as the most it sends. */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export interface WebhookDeps {
  appSecret: string;
  verifyToken: string;
  log: Logger;
  /**
   * An authenticated body, JSON-parsed: the Cloud transport reads Meta's shape and hands the
   * events to the bot and the receipts; `ok: false` when it is not Meta's shape.
   */
  receive(body: unknown): Promise<{ ok: true; skipped: number } | { ok: false; problem: string }>;
}

/**
 * `/webhooks/whatsapp`: GET is Meta's subscription handshake (hub.mode, hub.verify_token,
 * hub.challenge); POST carries events, accepted only when `X-Hub-Signature-256` is the HMAC of
 * the raw body with the app secret. Answers: 200 handled (or a replay, ignored), 400 not JSON
 * or not Meta's shape, 401 signature missing or wrong, 403 wrong verify token, 413 too large.
 * Nothing is stored unless the signature is right and the body is Meta's shape.
 */
export function webhookRoutes(deps: WebhookDeps): Hono {
  const app = new Hono();
  const replays = new ReplayGuard();

  app.get("/", (c) => {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token");
    const challenge = c.req.query("hub.challenge");
    if (mode !== "subscribe" || challenge === undefined) {
      return c.text("hub.mode=subscribe et hub.challenge attendus", 400);
    }
    if (token === undefined || !sameText(token, deps.verifyToken)) {
      deps.log.warn("webhook : jeton de vérification refusé (CLOUD_VERIFY_TOKEN)");
      return c.text("jeton de vérification refusé", 403);
    }
    deps.log.info("webhook : abonnement vérifié par Meta");
    return c.text(challenge, 200);
  });

  app.post(
    "/",
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) => c.text("corps trop grand", 413),
    }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const signature = c.req.header("x-hub-signature-256");
      if (!signature) return c.text("en-tête X-Hub-Signature-256 manquant", 401);
      if (!validSignature(raw, signature, deps.appSecret)) {
        deps.log.warn("webhook : signature refusée (CLOUD_APP_SECRET ?)");
        return c.text("signature refusée", 401);
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.from(raw).toString("utf8"));
      } catch {
        return c.text("JSON invalide", 400);
      }
      if (!replays.firstTime(raw)) return c.text("déjà reçu", 200);
      let parsed: Awaited<ReturnType<WebhookDeps["receive"]>>;
      try {
        parsed = await deps.receive(body);
      } catch (error) {
        // Meta retries what was not acknowledged: let it, the store's keys keep it once.
        replays.forget(raw);
        deps.log.error({ err: error }, "webhook : événements non traités (Meta réessaiera)");
        return c.text("erreur interne", 500);
      }
      if (!parsed.ok) {
        replays.forget(raw);
        return c.text(parsed.problem, 400);
      }
      if (parsed.skipped > 0) {
        deps.log.info({ skipped: parsed.skipped }, "webhook : éléments inconnus ignorés");
      }
      return c.text("ok", 200);
    },
  );
  return app;
}

/** Constant-time for equal lengths; the token's length is not the secret part. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
