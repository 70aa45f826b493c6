import type { Bot } from "../bot/bot.ts";
import type { Dispatcher } from "../dispatcher/dispatcher.ts";
import type { Transport } from "../transport/transport.ts";
import { createDispatcher } from "./delivery.ts";
import type { App } from "./services.ts";

/**
 * A simulator's bot on its transport (`npm run simulate`, the web desk's « Essayer »): the
 * bot answers each message, and the dispatcher sends with no pacing between messages, so
 * answers show at once. Returns the dispatcher, to drain after each message.
 */
export async function connectSimulatorBot(
  app: App,
  bot: Bot,
  transport: Transport,
): Promise<Dispatcher> {
  const dispatcher = createDispatcher(
    app,
    {
      ...app.delivery,
      policy: {
        ...app.delivery.policy,
        ratePerMinute: 60_000,
        minGapPerChatMs: 0,
        jitter: 0,
        replyBurst: 1_000,
      },
    },
    transport,
  );
  await transport.start({
    onMessage: async (message) => {
      await bot.handle(message);
    },
    onStatus: (status, reason) => dispatcher.onTransportStatus(status, reason),
  });
  return dispatcher;
}
