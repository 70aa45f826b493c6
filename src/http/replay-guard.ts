import { createHash } from "node:crypto";

/**
 * Bodies already accepted, by digest, the most recent `size` of them: Meta (or an attacker who
 * captured a signed request) sending the same body again gets 200 and changes nothing. The
 * store's own keys (message ids handled once, receipts recorded once) cover what an older
 * replay, after a restart, could still bring.
 */
export class ReplayGuard {
  readonly #seen = new Set<string>();
  readonly #size: number;

  constructor(size = 10_000) {
    this.#size = size;
  }

  /** True the first time this body is seen. */
  firstTime(raw: Uint8Array): boolean {
    const key = createHash("sha256").update(raw).digest("base64url");
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    if (this.#seen.size > this.#size) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    return true;
  }

  /** A body whose handling failed may come again (Meta retries): it is not a replay. */
  forget(raw: Uint8Array): void {
    this.#seen.delete(createHash("sha256").update(raw).digest("base64url"));
  }
}
