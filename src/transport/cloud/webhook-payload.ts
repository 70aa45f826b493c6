import { z } from "zod";

/**
 * Meta's webhook payload (`entry[].changes[].value.messages[]` and `.statuses[]`), read
 * leniently: unknown fields are ignored, and one malformed message or status is skipped
 * rather than losing the rest of the batch.
 */
const envelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      changes: z.array(z.object({ field: z.string().optional(), value: z.unknown() })).default([]),
    }),
  ),
});

/**
 * Seconds since 1970, as Meta writes them: at most 12 digits (a year before 33000), so that the
 * Date stays valid — a 30-digit timestamp made an Invalid Date whose storing threw, and the
 * whole batch was refused (500) and retried by Meta forever.
 */
const unixSeconds = z.string().regex(/^\d{1,12}$/);

const contact = z.object({
  wa_id: z.string().optional(),
  /** The business-scoped user id (2026), when Meta sends one. */
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

const message = z.object({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: unixSeconds,
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  context: z
    .object({
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
    })
    .optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});

const status = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixSeconds,
  errors: z
    .array(z.object({ code: z.number().optional(), title: z.string().optional() }))
    .optional(),
});

const value = z.object({
  messaging_product: z.string().optional(),
  contacts: z.array(z.unknown()).default([]),
  messages: z.array(z.unknown()).default([]),
  statuses: z.array(z.unknown()).default([]),
});

/** A reader's message, as Meta described it. */
export interface CloudInbound {
  id: string;
  /** The reader's phone number (digits) when Meta gives it. */
  phone: string | null;
  /** The business-scoped user id when Meta gives one. */
  userId: string | null;
  at: Date;
  kind: "text" | "media" | "other";
  text: string;
  /** Meta's `context.forwarded` / `frequently_forwarded`. */
  forwarded: boolean;
}

/** A status of a message the bot sent. */
export interface CloudStatus {
  transportId: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: Date;
  error: string | null;
}

export type ParsedWebhook =
  | { ok: true; messages: CloudInbound[]; statuses: CloudStatus[]; skipped: number }
  | { ok: false; problem: string };

const MEDIA = new Set(["image", "audio", "video", "document", "sticker", "location", "contacts"]);

/** Reads one webhook body (already JSON-parsed). */
export function parseWebhook(body: unknown): ParsedWebhook {
  const top = envelope.safeParse(body);
  if (!top.success) {
    return {
      ok: false,
      problem: "forme inattendue : { object, entry: [{ changes: [...] }] } attendu",
    };
  }
  if (top.data.object !== "whatsapp_business_account") {
    return {
      ok: false,
      problem: `objet « ${top.data.object} » : whatsapp_business_account attendu`,
    };
  }
  const messages: CloudInbound[] = [];
  const statuses: CloudStatus[] = [];
  let skipped = 0;
  for (const entry of top.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== undefined && change.field !== "messages") continue;
      const v = value.safeParse(change.value);
      if (!v.success) {
        skipped++;
        continue;
      }
      const contacts = v.data.contacts
        .map((c) => contact.safeParse(c))
        .flatMap((c) => (c.success ? [c.data] : []));
      for (const raw of v.data.messages) {
        const m = message.safeParse(raw);
        if (!m.success) {
          skipped++;
          continue;
        }
        const who =
          contacts.find((c) => c.wa_id !== undefined && c.wa_id === m.data.from) ??
          (contacts.length === 1 ? contacts[0] : undefined);
        const from = m.data.from ?? who?.wa_id ?? null;
        const phone = from !== null && /^\d{6,15}$/.test(from) ? from : null;
        const userId = m.data.from_user_id ?? who?.user_id ?? null;
        if (phone === null && userId === null) {
          skipped++;
          continue;
        }
        const text =
          m.data.text?.body ??
          m.data.button?.text ??
          m.data.interactive?.button_reply?.title ??
          m.data.interactive?.list_reply?.title ??
          "";
        messages.push({
          id: m.data.id,
          phone,
          userId,
          at: new Date(Number(m.data.timestamp) * 1000),
          kind:
            m.data.type === "text" || m.data.type === "button" || m.data.type === "interactive"
              ? "text"
              : MEDIA.has(m.data.type)
                ? "media"
                : "other",
          text,
          forwarded:
            m.data.context?.forwarded === true || m.data.context?.frequently_forwarded === true,
        });
      }
      for (const raw of v.data.statuses) {
        const s = status.safeParse(raw);
        if (!s.success || !["sent", "delivered", "read", "failed"].includes(s.data.status)) {
          skipped++;
          continue;
        }
        const first = s.data.errors?.[0];
        statuses.push({
          transportId: s.data.id,
          status: s.data.status as CloudStatus["status"],
          at: new Date(Number(s.data.timestamp) * 1000),
          error: first ? `${first.code ?? "?"} ${first.title ?? ""}`.trim() : null,
        });
      }
    }
  }
  return { ok: true, messages, statuses, skipped };
}
