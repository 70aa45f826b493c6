import { chatIdOf, normalisePhone } from "../../domain/chat-id.ts";
import { maskPhone } from "../../log.ts";
import type { Lang } from "../../messages/i18n/catalogue.ts";
import { catalogue } from "../../messages/wording.ts";
import type { DeskDeps } from "./deps.ts";
import { hashToken, newCode, newToken, sameSecret } from "./tokens.ts";

/** A code is good for this long; only the last one sent works. */
export const CODE_TTL_MS = 10 * 60_000;
/** This many wrong codes in a row lock the number… */
export const MAX_WRONG_CODES = 5;
/** …for this long. */
export const LOCK_MS = 15 * 60_000;
/** At most this many codes per number and window: the form cannot flood an editor's phone. */
export const CODES_PER_WINDOW = 3;
export const CODE_WINDOW_MS = 15 * 60_000;
/** A `cli desk-link` link is good for this long, once. */
export const LINK_TTL_MS = 15 * 60_000;

/** Who a desk-link session is for when EDITORS is empty (the operator at the terminal). */
export const OPERATOR = "operator";

type SignInDeps = Pick<
  DeskDeps,
  "config" | "clock" | "log" | "outbox" | "audit" | "signInTokens" | "signInAttempts"
>;

export type CodeRequest =
  | { kind: "sent"; phone: string }
  | { kind: "invalid" }
  | { kind: "locked"; minutes: number }
  | { kind: "throttled"; minutes: number };

export type CodeCheck =
  | { kind: "ok"; editor: string }
  | { kind: "invalid" }
  | { kind: "wrong"; left: number }
  | { kind: "expired" }
  | { kind: "locked"; minutes: number };

const minutesUntil = (at: Date, now: Date) =>
  Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));

/** The code's hash is bound to the number: a code sent to one editor opens nothing for another. */
const codeHash = (phone: string, code: string) => hashToken(`code:${phone}:${code}`);

function audit(
  deps: SignInDeps,
  actor: string,
  action: string,
  outcome: "ok" | "refused",
  detail: string | null = null,
): void {
  deps.audit.record({ actor, via: "desk", action, outcome, detail }, deps.clock.now());
}

/** An editor's number as the audit names it; anyone else masked (personal data). */
const actorOf = (deps: SignInDeps, phone: string) =>
  deps.config.editors.includes(phone) ? phone : maskPhone(phone);

function lockOf(deps: SignInDeps, phone: string): Date | null {
  const until = deps.signInAttempts.get(phone).lockedUntil;
  return until && until.getTime() > deps.clock.now().getTime() ? until : null;
}

/**
 * Sends a one-time code on WhatsApp (through the outbox, as an answer: it goes even while
 * broadcasts are paused) when `text` is an editor's number. The answer is the same whether it
 * is one or not: the form tells no one who the editors are.
 */
export function requestCode(deps: SignInDeps, text: string, lang: Lang): CodeRequest {
  const phone = normalisePhone(text);
  if (!phone) return { kind: "invalid" };
  const now = deps.clock.now();
  const locked = lockOf(deps, phone);
  if (locked) {
    audit(deps, actorOf(deps, phone), "desk-code", "refused", "locked");
    return { kind: "locked", minutes: minutesUntil(locked, now) };
  }
  const attempts = deps.signInAttempts.get(phone);
  const windowOpen = now.getTime() - attempts.codesSince.getTime() < CODE_WINDOW_MS;
  if (windowOpen && attempts.codesSent >= CODES_PER_WINDOW) {
    audit(deps, actorOf(deps, phone), "desk-code", "refused", "too many codes");
    const reopens = new Date(attempts.codesSince.getTime() + CODE_WINDOW_MS);
    return { kind: "throttled", minutes: minutesUntil(reopens, now) };
  }
  deps.signInAttempts.put(phone, {
    ...attempts,
    codesSent: windowOpen ? attempts.codesSent + 1 : 1,
    codesSince: windowOpen ? attempts.codesSince : now,
  });
  const chatId = chatIdOf(phone);
  if (!deps.config.editors.includes(phone) || !chatId) {
    audit(deps, maskPhone(phone), "desk-code", "refused", "not an editor");
    return { kind: "sent", phone };
  }
  const code = newCode();
  deps.signInTokens.put({
    hash: codeHash(phone, code),
    kind: "code",
    editor: phone,
    now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
  });
  deps.outbox.enqueue(
    {
      kind: "reply",
      recipient: chatId,
      body: catalogue(lang).desk.codeMessage(code, CODE_TTL_MS / 60_000),
    },
    now,
  );
  audit(deps, phone, "desk-code", "ok");
  deps.log.info({ editor: maskPhone(phone) }, "bureau : code de connexion envoyé");
  return { kind: "sent", phone };
}

/** Checks a code typed for `text`'s number: five wrong ones in a row lock the number. */
export function checkCode(deps: SignInDeps, text: string, code: string): CodeCheck {
  const phone = normalisePhone(text);
  if (!phone) return { kind: "invalid" };
  const now = deps.clock.now();
  const locked = lockOf(deps, phone);
  if (locked) {
    audit(deps, actorOf(deps, phone), "desk-sign-in", "refused", "locked");
    return { kind: "locked", minutes: minutesUntil(locked, now) };
  }
  const typed = code.replace(/\s/g, "");
  const hash = codeHash(phone, typed);
  const token = /^\d{6}$/.test(typed) ? deps.signInTokens.get(hash) : null;
  if (token && token.kind === "code" && sameSecret(token.editor, phone)) {
    if (token.expiresAt.getTime() <= now.getTime()) {
      deps.signInTokens.delete(hash);
      audit(deps, phone, "desk-sign-in", "refused", "code expired");
      return { kind: "expired" };
    }
    deps.signInTokens.deleteCodes(phone);
    deps.signInAttempts.clearFailures(phone);
    audit(deps, phone, "desk-sign-in", "ok", "code");
    return { kind: "ok", editor: phone };
  }
  const attempts = deps.signInAttempts.get(phone);
  const failures = attempts.failures + 1;
  if (failures >= MAX_WRONG_CODES) {
    const until = new Date(now.getTime() + LOCK_MS);
    deps.signInAttempts.put(phone, { ...attempts, failures: 0, lockedUntil: until });
    // The code that was sent is no good any more either: a new one is needed after the lock.
    deps.signInTokens.deleteCodes(phone);
    audit(deps, actorOf(deps, phone), "desk-sign-in", "refused", "wrong code: locked");
    deps.log.warn({ editor: maskPhone(phone) }, "bureau : connexion bloquée (codes inexacts)");
    return { kind: "locked", minutes: LOCK_MS / 60_000 };
  }
  deps.signInAttempts.put(phone, { ...attempts, failures, lockedUntil: null });
  audit(deps, actorOf(deps, phone), "desk-sign-in", "refused", "wrong code");
  return { kind: "wrong", left: MAX_WRONG_CODES - failures };
}

/**
 * A one-time sign-in link's secret for `editor` (cli desk-link): the operator opens the desk
 * before WhatsApp is paired. The store keeps its hash only.
 */
export function createSignInLink(deps: SignInDeps, editor: string): string {
  const now = deps.clock.now();
  const secret = newToken();
  deps.signInTokens.put({
    hash: hashToken(`link:${secret}`),
    kind: "link",
    editor,
    now,
    expiresAt: new Date(now.getTime() + LINK_TTL_MS),
  });
  audit(deps, editor, "desk-link", "ok");
  return secret;
}

/** Uses a link up: the editor it was made for, or null (unknown, used, expired). */
export function useSignInLink(deps: SignInDeps, secret: string): string | null {
  const hash = hashToken(`link:${secret}`);
  const token = deps.signInTokens.get(hash);
  if (token?.kind !== "link") {
    audit(deps, "?", "desk-sign-in", "refused", "unknown link");
    return null;
  }
  deps.signInTokens.delete(hash);
  if (token.expiresAt.getTime() <= deps.clock.now().getTime()) {
    audit(deps, token.editor, "desk-sign-in", "refused", "link expired");
    return null;
  }
  audit(deps, token.editor, "desk-sign-in", "ok", "link");
  return token.editor;
}
