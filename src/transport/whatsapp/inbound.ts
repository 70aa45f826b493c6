import type { Message } from "whatsapp-web.js";
import type { InboundMessage } from "../transport.ts";

/** The fields of a whatsapp-web.js Message that decide whether and how it reaches the bot. */
export type WhatsAppInbound = Pick<
  Message,
  "id" | "from" | "to" | "fromMe" | "body" | "type" | "isStatus" | "hasMedia" | "timestamp"
> &
  Partial<Pick<Message, "broadcast" | "author" | "isForwarded">>;

/** Why a message was not handed to the bot (debug logs and tests). */
export type IgnoredReason = "own" | "status" | "not-a-person" | "system";

// A person writes from a phone-number id or from a linked id that hides the number. Groups
// (@g.us), Channels (@newsletter), broadcast lists and status (@broadcast) are not for the bot.
const personId = /^[\w.:-]+@(c\.us|lid)$/;

// Whatever a reader can send besides text: answered briefly ("texte seulement"), never parsed.
const mediaTypes = new Set<string>([
  "image",
  "video",
  "audio",
  "ptt",
  "document",
  "sticker",
  "album",
]);
const otherUserTypes = new Set<string>([
  "location",
  "vcard",
  "multi_vcard",
  "poll_creation",
  "list_response",
  "buttons_response",
  "template_button_reply",
  "order",
  "product",
  "groups_v4_invite",
  "scheduled_event_creation",
]);

/**
 * Translates a whatsapp-web.js message into our InboundMessage, or says why it is ignored:
 * own messages, status, groups, Channels and system notices never reach the bot.
 */
export function translateInbound(
  message: WhatsAppInbound,
): { message: InboundMessage } | { ignored: IgnoredReason } {
  if (message.fromMe) return { ignored: "own" };
  if (message.isStatus || message.broadcast || message.from === "status@broadcast") {
    return { ignored: "status" };
  }
  if (!personId.test(message.from)) return { ignored: "not-a-person" };
  // whatsapp-web.js types `type` as its MessageTypes enum; compare the wire value.
  const type = String(message.type);
  let kind: InboundMessage["kind"];
  if (type === "chat") kind = "text";
  else if (mediaTypes.has(type) || (message.hasMedia && !otherUserTypes.has(type))) kind = "media";
  else if (otherUserTypes.has(type)) kind = "other";
  else return { ignored: "system" };
  return {
    message: {
      id: message.id._serialized,
      chatId: message.from,
      senderId: message.from,
      // For media, body is the caption (or empty): kept so the bot can say "texte seulement".
      text: message.body ?? "",
      kind,
      isGroup: false,
      timestamp: new Date(message.timestamp * 1000),
      ...(message.isForwarded === true ? { forwarded: true } : {}),
    },
  };
}
