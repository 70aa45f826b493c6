import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { CloudTransport } from "../transport/cloud/cloud-transport.ts";
import type { CloudSignal } from "../transport/cloud/graph-errors.ts";
import { HybridTransport } from "../transport/cloud/hybrid-transport.ts";
import type { Transport } from "../transport/transport.ts";
import { WhatsAppTransport } from "../transport/whatsapp/whatsapp.ts";
import type { App } from "./services.ts";

/** The transport WHATSAPP_TRANSPORT names, and the Cloud API part when there is one. */
export interface ChosenTransport {
  transport: Transport;
  /** Receives the webhook's events (src/http); null with WhatsApp Web alone. */
  cloud: CloudTransport | null;
}

/** web: whatsapp-web.js; cloud: Meta's API; hybrid: the Channel by the first, readers by the second. */
export function chooseTransport(
  config: Config,
  app: Pick<App, "subscribers" | "readerAliases">,
  log: Logger,
  options: { web?: () => Transport; onSignal?: (signal: CloudSignal) => void } = {},
): ChosenTransport {
  const web = options.web ?? (() => new WhatsAppTransport({ config, log }));
  if (config.transport === "web") return { transport: web(), cloud: null };
  const cloud = new CloudTransport({
    cloud: config.cloud,
    log,
    lastInbound: (chatId) => app.subscribers.get(chatId)?.lastSeenAt ?? null,
    aliases: app.readerAliases,
    onSignal: (signal, error) => {
      log.warn({ signal, code: error.graphCode }, "API WhatsApp : signe de difficulté du numéro");
      options.onSignal?.(signal);
    },
  });
  if (config.transport === "cloud") return { transport: cloud, cloud };
  return { transport: new HybridTransport(web(), cloud), cloud };
}
