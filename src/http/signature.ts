import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Whether `header` (`X-Hub-Signature-256: sha256=<hex>`) is the HMAC-SHA256 of the raw body
 * with the app secret. Compared in constant time over the decoded bytes; a header of the wrong
 * form or length is refused before any comparison (its length says nothing about the secret).
 */
export function validSignature(
  raw: Uint8Array,
  header: string | undefined,
  secret: string,
): boolean {
  const hex = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "")?.[1];
  if (!hex) return false;
  const expected = createHmac("sha256", secret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

/** The header Meta would send for `raw` (tests, and the bench's fake). */
export function signatureOf(raw: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}
