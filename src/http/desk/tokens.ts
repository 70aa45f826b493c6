import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A random token for a cookie, a link or a form: 32 bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A 6-digit one-time code, uniformly drawn. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** What the store keeps instead of a secret: its SHA-256, hex. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Compares two secrets in constant time (a CSRF token, a code hash). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
