import type { PairingSource, PairingState } from "../http/desk/deps.ts";

/**
 * WhatsApp's pairing state as the web desk shows it, fed by the transport's events: each new
 * QR, up and down. The transport itself stays behind its port; this is the composition's view.
 */
export class PairingWatch implements PairingSource {
  #state: PairingState;

  constructor(transport: string, requestCode: ((phone: string) => Promise<string>) | null) {
    this.#state = {
      status: "starting",
      qr: null,
      reason: null,
      transport,
      pairingCode: requestCode !== null,
    };
    if (requestCode) this.requestPairingCode = (phone) => requestCode(phone);
  }

  requestPairingCode?: (phone: string) => Promise<string>;

  state(): PairingState {
    return { ...this.#state };
  }

  /** A new QR to scan (they change about every 20 s until one is scanned). */
  qr(text: string): void {
    this.#state = { ...this.#state, status: "qr", qr: text, reason: null };
  }

  status(status: "up" | "down", reason?: string): void {
    this.#state =
      status === "up"
        ? { ...this.#state, status: "connected", qr: null, reason: null }
        : { ...this.#state, status: "unreachable", qr: null, reason: reason ?? null };
  }
}
