import { Agent, fetch, type Response } from "undici";
import { AppError } from "../../domain/errors.ts";
import { redactUrl, splitCredentials } from "./credentials.ts";
import {
  BlockedDestination,
  DestinationGuard,
  type DestinationPolicy,
  PUBLIC_ONLY,
} from "./destination.ts";
/** What the poller remembers between two requests to make the next one conditional. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions extends Validators {
  /** Whole request, headers and body (default 15 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** For Retry-After given as a date. */
  now?: Date;
  /** Which destinations may be reached (default: public addresses only). */
  destinations?: DestinationPolicy;
}

export type FetchOutcome =
  | {
      kind: "not-modified";
      /** The address that answered, after redirects. */
      url: string;
      /** Set when the feed moved permanently (301/308 from the stored address) on its own site. */
      movedTo: string | null;
      /** A permanent move to another site: followed this time, not recorded (see fetchFeed). */
      movedAway?: string | null;
      status: 304;
    }
  | {
      kind: "ok";
      url: string;
      movedTo: string | null;
      movedAway?: string | null;
      status: number;
      bytes: Uint8Array;
      contentType: string | null;
      validators: Validators;
    };

export type FetchFailure =
  | "timeout"
  | "network"
  | "http"
  | "too-large"
  | "redirects"
  | "bad-url"
  | "blocked";

/** A feed could not be downloaded. `permanent` failures (410 Gone) will not heal by retrying. */
export class FeedFetchError extends AppError {
  constructor(
    message: string,
    readonly reason: FetchFailure,
    readonly details: {
      status?: number | undefined;
      retryAfterMs?: number | undefined;
      permanent?: boolean | undefined;
      cause?: unknown;
    } = {},
  ) {
    super("FEED_FETCH_FAILED", message, { cause: details.cause });
  }
  get status(): number | null {
    return this.details.status ?? null;
  }
  get permanent(): boolean {
    return this.details.permanent ?? false;
  }
  get retryAfterMs(): number | null {
    return this.details.retryAfterMs ?? null;
  }
}

export const FETCH_DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "suivez-info/0.1 (lecteur de flux RSS)",
};

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

/**
 * One polite GET of a feed: conditional (ETag / Last-Modified), compressed transfer, a deadline
 * for the whole exchange, a size cap, redirects followed by hand so a permanent move can be
 * recorded. Every destination — the first and each redirect's, and the addresses the sockets
 * really connect to — must pass the DestinationPolicy (no loopback, LAN or metadata service
 * unless allowed). A login in the address is sent as Basic authentication, to that origin only.
 * Throws FeedFetchError; never returns a partial body.
 */
export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const guard = new DestinationGuard(options.destinations ?? PUBLIC_ONLY);
  const agent = new Agent({ connect: { lookup: guard.lookup } });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () =>
    new FeedFetchError(
      `pas de réponse complète en ${Math.round(timeoutMs / 1000)} s (délai dépassé) : le site est lent ou injoignable, nouvel essai plus tard`,
      "timeout",
    );
  try {
    const stored = checkUrl(url);
    const { url: first, authorization } = splitCredentials(stored);
    let current = first;
    let movedTo: string | null = null;
    let movedAway: string | null = null;
    let stillPermanent = true;
    for (let hop = 0; ; hop++) {
      await checkDestination(guard, current);
      const headers: Record<string, string> = {
        accept: ACCEPT,
        "user-agent": options.userAgent ?? FETCH_DEFAULTS.userAgent,
        "accept-encoding": "gzip, deflate",
      };
      // The login goes to the feed's own origin only, never to where a redirect points.
      if (authorization && current.origin === first.origin) headers.authorization = authorization;
      // Validators belong to the stored address; after a redirect they may still match.
      if (options.etag) headers["if-none-match"] = options.etag;
      if (options.lastModified) headers["if-modified-since"] = options.lastModified;
      let response: Response;
      try {
        response = await fetch(current, {
          headers,
          redirect: "manual",
          signal: controller.signal,
          dispatcher: agent,
        });
      } catch (cause) {
        if (controller.signal.aborted) throw timedOut();
        const blocked = blockedCause(cause);
        if (blocked) throw new FeedFetchError(blocked.message, "blocked", { cause });
        throw new FeedFetchError(
          `connexion impossible (${networkReason(cause)}) : vérifiez l'adresse ou réessayez plus tard`,
          "network",
          { cause },
        );
      }
      const status = response.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get("location");
        if (!location) {
          throw new FeedFetchError(`redirection ${status} sans destination`, "http", { status });
        }
        if (hop >= maxRedirects) {
          throw new FeedFetchError(
            `trop de redirections (plus de ${maxRedirects}) : vérifiez l'adresse du flux`,
            "redirects",
            { status },
          );
        }
        // A bad Location is the site's passing mistake, not a reason to give the feed up.
        const next = redirectTarget(location, current, status);
        stillPermanent &&= status === 301 || status === 308;
        if (stillPermanent) {
          // Only a move within the same site re-points the stored address (keeping its login):
          // a hijacked or misconfigured server must not send the feed elsewhere for good.
          if (sameSite(next, first)) {
            movedTo = withLogin(next, stored);
            movedAway = null;
          } else {
            movedTo = null;
            movedAway = next.href;
          }
        }
        current = next;
        continue;
      }
      if (status === 304) {
        await response.body?.cancel().catch(() => {});
        return { kind: "not-modified", url: current.href, movedTo, movedAway, status: 304 };
      }
      if (status < 200 || status >= 300) {
        await response.body?.cancel().catch(() => {});
        throw httpError(status, response.headers.get("retry-after"), options.now);
      }
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(response, maxBytes);
      } catch (cause) {
        if (cause instanceof FeedFetchError) throw cause;
        if (controller.signal.aborted) throw timedOut();
        throw new FeedFetchError(
          `réponse interrompue (${networkReason(cause)}) : nouvel essai plus tard`,
          "network",
          { cause },
        );
      }
      return {
        kind: "ok",
        url: current.href,
        movedTo,
        movedAway,
        status,
        bytes,
        contentType: response.headers.get("content-type"),
        validators: {
          etag: response.headers.get("etag"),
          lastModified: response.headers.get("last-modified"),
        },
      };
    }
  } finally {
    clearTimeout(timer);
    void agent.destroy().catch(() => {});
  }
}

/** The stored address, parsed; a bad one will not heal by retrying (permanent). */
function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new FeedFetchError(`adresse invalide « ${redactUrl(url)} »`, "bad-url", {
      cause,
      permanent: true,
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FeedFetchError(
      `adresse non web « ${redactUrl(url)} » (http ou https attendu)`,
      "bad-url",
      { permanent: true },
    );
  }
  return parsed;
}

/** Where a redirect points; an unusable Location fails this poll only (retried later). */
function redirectTarget(location: string, current: URL, status: number): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch (cause) {
    throw new FeedFetchError(
      `redirection ${status} vers une adresse invalide « ${redactUrl(location).slice(0, 200)} » : le site est mal configuré, nouvel essai plus tard`,
      "redirects",
      { status, cause },
    );
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw new FeedFetchError(
      `redirection ${status} vers une adresse non web « ${redactUrl(next.href).slice(0, 200)} » : refusée, nouvel essai plus tard`,
      "redirects",
      { status },
    );
  }
  next.hash = "";
  return next;
}

async function checkDestination(guard: DestinationGuard, url: URL): Promise<void> {
  try {
    await guard.check(url);
  } catch (error) {
    if (error instanceof BlockedDestination) {
      throw new FeedFetchError(error.message, "blocked", { cause: error });
    }
    throw error;
  }
}

/** The BlockedDestination a socket's lookup raised, somewhere in fetch's chain of causes. */
function blockedCause(error: unknown): BlockedDestination | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof BlockedDestination) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Same host, a leading `www.` aside (http → https and path changes are ordinary moves). */
function sameSite(a: URL, b: URL): boolean {
  const host = (u: URL) => u.hostname.toLowerCase().replace(/^www\./, "");
  return host(a) === host(b);
}

/** `next` with the stored address's login, so a recorded move still authenticates. */
function withLogin(next: URL, stored: URL): string {
  if (!stored.username && !stored.password) return next.href;
  const copy = new URL(next.href);
  copy.username = stored.username;
  copy.password = stored.password;
  return copy.href;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number): FeedFetchError {
  return new FeedFetchError(
    `flux trop volumineux (plus de ${Math.round(maxBytes / 1024 / 1024)} Mo) : demandez au site un flux plus court`,
    "too-large",
  );
}

function httpError(
  status: number,
  retryAfter: string | null,
  now: Date | undefined,
): FeedFetchError {
  const retryAfterMs = parseRetryAfter(retryAfter, now ?? new Date());
  const what: Record<number, string> = {
    401: "accès refusé (401) : le flux demande un mot de passe",
    403: "accès interdit (403) : le site refuse le robot, contactez son administrateur",
    404: "flux introuvable (404) : vérifiez l'adresse",
    410: "flux supprimé définitivement (410) : retirez-le ou remplacez son adresse",
    429: "trop de requêtes (429) : le site demande de ralentir",
    500: "erreur du serveur (500) : le site a un problème, nouvel essai plus tard",
    502: "passerelle en erreur (502) : nouvel essai plus tard",
    503: "service indisponible (503) : nouvel essai plus tard",
    504: "délai de passerelle dépassé (504) : nouvel essai plus tard",
  };
  return new FeedFetchError(what[status] ?? `réponse HTTP ${status} inattendue`, "http", {
    status,
    retryAfterMs,
    permanent: status === 410,
  });
}

/** Retry-After as seconds or an HTTP date, capped at a day. */
function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim())
    ? Number(value) * 1000
    : Date.parse(value) - now.getTime();
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 86_400_000) : undefined;
}

function networkReason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  const code = inner?.code ?? (cause as { code?: string })?.code;
  const known: Record<string, string> = {
    ENOTFOUND: "nom de domaine introuvable",
    EAI_AGAIN: "DNS indisponible",
    ECONNREFUSED: "connexion refusée",
    ECONNRESET: "connexion coupée par le serveur",
    ETIMEDOUT: "délai de connexion dépassé",
    EHOSTUNREACH: "serveur injoignable",
    UND_ERR_SOCKET: "connexion coupée par le serveur",
    CERT_HAS_EXPIRED: "certificat HTTPS expiré",
    DEPTH_ZERO_SELF_SIGNED_CERT: "certificat HTTPS non reconnu",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificat HTTPS non reconnu",
  };
  return (code && known[code]) ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
}
