import { TransportError } from "../transport.ts";

/**
 * Why the Cloud API refused a message, in the terms the bot acts on. `signal` names the
 * refusals that say something about the number's health (the ban guard watches them).
 */
export type CloudSignal =
  | "throughput" // 130429: more messages per second than the number may send
  | "pair-rate" // 131056: too many messages to the same reader in a short time
  | "spam-rate" // 131048: Meta limits the number because readers flag or ignore it
  | "not-delivered" // 131049: Meta chose not to deliver (ecosystem engagement)
  | "window" // 131047: more than 24 h since the reader wrote: only a template may go
  | "undeliverable" // 131026: no WhatsApp, old app, or the reader blocked the number
  | "auth" // 190 and friends: the token is wrong or expired, nothing can go
  | "restricted" // 368, 131031: Meta blocked or locked the account (policy): nothing should go
  | "invalid" // the request itself (a parameter, a template) is wrong
  | "server" // Meta's side or the network: try again
  | "other";

/** A Cloud API refusal: a TransportError (transient or permanent) with Meta's code. */
export class CloudApiError extends TransportError {
  constructor(
    message: string,
    kind: "transient" | "permanent",
    /** Meta's error code (130429, 131047…), null when the answer carried none. */
    readonly graphCode: number | null,
    readonly signal: CloudSignal,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, kind, options);
  }
}

interface GraphErrorBody {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { details?: string };
    error_user_msg?: string;
  };
}

const SECOND = 1000;

/** Meta's codes that get a kind of their own (Meta's error-codes page, v23.0). */
const BY_CODE: Record<
  number,
  { kind: "transient" | "permanent"; signal: CloudSignal; retryAfterMs?: number; hint: string }
> = {
  130429: {
    kind: "transient",
    signal: "throughput",
    retryAfterMs: 2 * SECOND,
    hint: "débit du numéro dépassé (CLOUD_RATE_PER_SECOND trop haut ?)",
  },
  131056: {
    kind: "transient",
    signal: "pair-rate",
    retryAfterMs: 6 * SECOND,
    hint: "trop de messages au même lecteur en peu de temps",
  },
  131048: {
    kind: "transient",
    signal: "spam-rate",
    retryAfterMs: 15 * 60 * SECOND,
    hint: "Meta limite le numéro (trop de messages signalés ou ignorés)",
  },
  131049: {
    kind: "permanent",
    signal: "not-delivered",
    hint: "Meta a choisi de ne pas livrer ce message (engagement des lecteurs)",
  },
  131047: {
    kind: "permanent",
    signal: "window",
    hint: "plus de 24 h depuis le dernier message du lecteur : seul un modèle approuvé peut partir",
  },
  131026: {
    kind: "permanent",
    signal: "undeliverable",
    hint: "message impossible à livrer (pas de WhatsApp, application trop ancienne, ou numéro bloqué)",
  },
  131050: {
    kind: "permanent",
    signal: "undeliverable",
    hint: "le lecteur a refusé les messages marketing de ce numéro",
  },
  131000: { kind: "transient", signal: "server", hint: "erreur passagère chez Meta" },
  131016: { kind: "transient", signal: "server", hint: "service de Meta indisponible" },
  133004: {
    kind: "transient",
    signal: "server",
    hint: "serveur de Meta temporairement indisponible",
  },
  1: { kind: "transient", signal: "server", hint: "erreur inconnue de l'API" },
  2: { kind: "transient", signal: "server", hint: "service de l'API indisponible" },
  4: {
    kind: "transient",
    signal: "throughput",
    retryAfterMs: 60 * SECOND,
    hint: "trop d'appels à l'API",
  },
  80007: {
    kind: "transient",
    signal: "throughput",
    retryAfterMs: 60 * SECOND,
    hint: "limite d'appels du compte WhatsApp Business atteinte",
  },
  190: { kind: "transient", signal: "auth", hint: "jeton CLOUD_API_TOKEN invalide ou expiré" },
  0: { kind: "transient", signal: "auth", hint: "authentification refusée (CLOUD_API_TOKEN)" },
  10: {
    kind: "transient",
    signal: "auth",
    hint: "permission refusée au jeton (whatsapp_business_messaging)",
  },
  200: { kind: "transient", signal: "auth", hint: "permission refusée au jeton" },
  131005: { kind: "transient", signal: "auth", hint: "accès refusé au numéro" },
  131031: {
    kind: "transient",
    signal: "restricted",
    retryAfterMs: 60 * 60 * SECOND,
    hint: "compte WhatsApp Business bloqué ou restreint",
  },
  368: {
    kind: "transient",
    signal: "restricted",
    retryAfterMs: 60 * 60 * SECOND,
    hint: "numéro bloqué temporairement par Meta pour non-respect de ses règles",
  },
  100: { kind: "permanent", signal: "invalid", hint: "paramètre refusé par l'API" },
  131008: { kind: "permanent", signal: "invalid", hint: "paramètre obligatoire manquant" },
  131009: { kind: "permanent", signal: "invalid", hint: "valeur de paramètre refusée" },
  131051: { kind: "permanent", signal: "invalid", hint: "type de message non pris en charge" },
  132000: {
    kind: "permanent",
    signal: "invalid",
    hint: "nombre de paramètres du modèle différent de son texte approuvé (CLOUD_TEMPLATE_PARAMS)",
  },
  132001: {
    kind: "permanent",
    signal: "invalid",
    hint: "modèle inconnu dans cette langue (CLOUD_TEMPLATE_*)",
  },
  132005: { kind: "permanent", signal: "invalid", hint: "texte du modèle rempli trop long" },
  132007: { kind: "permanent", signal: "invalid", hint: "contenu du modèle contraire aux règles" },
  132015: { kind: "permanent", signal: "invalid", hint: "modèle en pause (qualité trop basse)" },
  132016: { kind: "permanent", signal: "invalid", hint: "modèle désactivé (qualité trop basse)" },
};

/** Reads a Retry-After header (seconds) when Meta or a proxy sends one. */
function retryAfter(header: string | undefined): number | undefined {
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * SECOND : undefined;
}

/** Turns a refused Graph API call (status, JSON body) into a CloudApiError. */
export function classifyGraphError(
  status: number,
  body: unknown,
  retryAfterHeader?: string,
): CloudApiError {
  const error = (body as GraphErrorBody | null)?.error;
  const code = typeof error?.code === "number" ? error.code : null;
  const detail = error?.error_data?.details ?? error?.message ?? `HTTP ${status}`;
  const known = code === null ? undefined : BY_CODE[code];
  const waitHeader = retryAfter(retryAfterHeader);
  if (known) {
    const wait = waitHeader ?? known.retryAfterMs;
    return new CloudApiError(
      `API WhatsApp ${code} : ${known.hint} (${detail})`,
      known.kind,
      code,
      known.signal,
      wait === undefined ? {} : { retryAfterMs: wait },
    );
  }
  if (status === 429) {
    return new CloudApiError(
      `API WhatsApp : trop de requêtes (${detail})`,
      "transient",
      code,
      "throughput",
      { retryAfterMs: waitHeader ?? 2 * SECOND },
    );
  }
  if (status === 401 || status === 403) {
    return new CloudApiError(
      `API WhatsApp : accès refusé, vérifiez CLOUD_API_TOKEN (${detail})`,
      "transient",
      code,
      "auth",
    );
  }
  if (status >= 500 || status === 408) {
    return new CloudApiError(`API WhatsApp indisponible (${detail})`, "transient", code, "server");
  }
  // Other 4xx: the request is wrong; sending it again would be refused again.
  return new CloudApiError(
    `API WhatsApp : requête refusée${code === null ? "" : ` (${code})`} : ${detail}`,
    "permanent",
    code,
    status >= 400 && status < 500 ? "invalid" : "other",
  );
}
