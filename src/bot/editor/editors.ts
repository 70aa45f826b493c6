import { normalisePhone, phoneOfChatId } from "../../domain/chat-id.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../log.ts";
import { maskPhone } from "../../log.ts";
import type { Transport } from "../../transport/transport.ts";

export interface EditorDirectoryOptions {
  /** How long a resolved `@lid` is trusted before asking the transport again. */
  resolvedTtlMs?: number;
  /** How long "could not resolve" is remembered (short: the transport may learn it soon). */
  unresolvedTtlMs?: number;
}

/**
 * Who is an editor: `EDITORS` holds E.164 numbers; a sender `NUMBER@c.us` is `+NUMBER`, an
 * `…@lid` is resolved through the transport (cached). Unresolvable means not an editor.
 */
export class EditorDirectory {
  readonly #editors: Set<string>;
  readonly #resolve: Transport["resolvePhones"];
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #cache = new Map<string, { phone: string | null; until: number }>();
  readonly #resolvedTtl: number;
  readonly #unresolvedTtl: number;

  constructor(
    editors: readonly string[],
    deps: { resolvePhones: Transport["resolvePhones"]; clock: Clock; log: Logger },
    options: EditorDirectoryOptions = {},
  ) {
    this.#editors = new Set(editors);
    this.#resolve = deps.resolvePhones;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#resolvedTtl = options.resolvedTtlMs ?? 6 * 3_600_000;
    this.#unresolvedTtl = options.unresolvedTtlMs ?? 5 * 60_000;
  }

  /** The E.164 number behind a sender id, or null when it cannot be known. */
  async phoneOf(senderId: string): Promise<string | null> {
    const direct = phoneOfChatId(senderId);
    if (direct) return direct;
    if (!senderId.endsWith("@lid")) return null;
    const now = this.#clock.now().getTime();
    const cached = this.#cache.get(senderId);
    if (cached && cached.until > now) return cached.phone;
    let phone: string | null = null;
    try {
      const raw = (await this.#resolve([senderId])).get(senderId) ?? null;
      phone = raw ? normalisePhone(raw) : null;
    } catch (error) {
      // The transport could not answer: not an editor this time, ask again soon.
      this.#log.warn({ err: error, senderId }, "identité @lid non résolue");
    }
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(senderId, {
      phone,
      until: now + (phone ? this.#resolvedTtl : this.#unresolvedTtl),
    });
    return phone;
  }

  /** The editor's E.164 number when the sender is an editor, else null. */
  async editorOf(senderId: string): Promise<string | null> {
    const phone = await this.phoneOf(senderId);
    const editor = phone && this.#editors.has(phone) ? phone : null;
    this.#log.debug({ senderId, editor: editor ? maskPhone(editor) : null }, "contrôle éditeur");
    return editor;
  }
}
