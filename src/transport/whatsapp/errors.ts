import { AppError } from "../../domain/errors.ts";
import { maskPhone } from "../../log.ts";
import { TransportError } from "../transport.ts";

/** whatsapp-web.js sometimes throws plain strings ('auth timeout'): get a readable text from anything. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Why a WhatsApp Web client could not start; every kind is retried with backoff. */
export type StartFailureKind = "unreachable" | "slow" | "browser" | "profile-in-use" | "unknown";

/** A start-up failure of WhatsApp Web, explained for the operator (what happened, what to check). */
export class WhatsAppStartError extends AppError {
  constructor(
    message: string,
    readonly kind: StartFailureKind,
    options?: { cause?: unknown },
  ) {
    super("WHATSAPP_START_FAILED", message, options);
  }
}

const unreachable = /net::ERR_[A-Z_]+|ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT/;

/** Turns whatever `client.initialize()` threw into a WhatsAppStartError naming the likely fix. */
export function describeStartFailure(error: unknown): WhatsAppStartError {
  if (error instanceof WhatsAppStartError) return error;
  const text = errorText(error);
  const code = unreachable.exec(text)?.[0];
  if (code) {
    return new WhatsAppStartError(
      `WhatsApp Web injoignable (https://web.whatsapp.com : ${code}). Le serveur doit pouvoir ` +
        "ouvrir ce site : vérifiez l'accès Internet, le DNS, le pare-feu ou le proxy.",
      "unreachable",
      { cause: error },
    );
  }
  if (/auth timeout|ready timeout/i.test(text)) {
    return new WhatsAppStartError(
      `WhatsApp Web ne s'est pas chargé à temps (${text}) : réseau lent ou filtré, ou ` +
        "version de WhatsApp Web incompatible (mettez whatsapp-web.js à jour si cela dure).",
      "slow",
      { cause: error },
    );
  }
  if (/ProcessSingleton|profile appears to be in use|SingletonLock/i.test(text)) {
    return new WhatsAppStartError(
      "La session WhatsApp (dossier data/session) est déjà ouverte par un autre Chromium : " +
        "une autre instance du bot tourne-t-elle ? Arrêtez-la avant de relancer.",
      "profile-in-use",
      { cause: error },
    );
  }
  if (
    /Failed to launch the browser process|spawn .*(ENOENT|EACCES)|Browser was not found/i.test(text)
  ) {
    return new WhatsAppStartError(
      `Chromium n'a pas pu démarrer : ${firstLine(text)}. Lancez « npm run doctor » pour le ` +
        "diagnostic (paquet chromium installé ? CHROME_PATH ?).",
      "browser",
      { cause: error },
    );
  }
  if (
    /Target closed|Session closed|Protocol error|detached|Execution context was destroyed/i.test(
      text,
    )
  ) {
    return new WhatsAppStartError(
      `Le navigateur s'est fermé pendant le démarrage de WhatsApp Web (${firstLine(text)}).`,
      "browser",
      { cause: error },
    );
  }
  return new WhatsAppStartError(`WhatsApp Web n'a pas démarré : ${firstLine(text)}`, "unknown", {
    cause: error,
  });
}

// Refusals that the same message will meet again: a bad or unknown id, a business-only
// feature, a Channel where we are not admin.
const permanent =
  /invalid wid|wid error|not a valid|no lid for user|not.{0,20}whatsapp user|\[LT01\]|not-authorized|forbidden|not.{0,10}admin/i;

/**
 * Sorts a failed `sendMessage` for the dispatcher: permanent when WhatsApp refused this
 * recipient or content, transient otherwise (browser hiccup, page reloading, network).
 */
export function classifySendError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  // The reason is logged and stored with the outbox row: no full phone number in it.
  const text = maskPhone(firstLine(errorText(error)));
  if (permanent.test(text)) {
    return new TransportError(`WhatsApp a refusé ce message : ${text}`, "permanent", {
      cause: error,
    });
  }
  return new TransportError(`Envoi WhatsApp interrompu : ${text}`, "transient", { cause: error });
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? text).trim().slice(0, 300);
}
