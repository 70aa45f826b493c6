/**
 * Start-up to ready without WhatsApp, as `npm start` composes it but over a transport that is
 * up at once: prints `ready-ms=N`, measured from the process's own start.
 */

import { startDelivery } from "../src/app/delivery.ts";
import { openApp } from "../src/app/services.ts";
import { createBot } from "../src/bot/bot.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { MemoryTransport } from "../src/transport/memory.ts";

const app = openApp(loadConfig(process.env), { clock: systemClock, log: silentLogger() });
const transport = new MemoryTransport();
const bot = createBot(app, { backend: app.delivery.desk, transport, via: "bench" });
const delivery = startDelivery(app, app.delivery, transport);
await transport.start({
  onMessage: (m) => void bot.handle(m),
  onStatus: (s) => delivery.dispatcher.onTransportStatus(s),
});
process.stdout.write(`ready-ms=${performance.now().toFixed(0)}\n`);
await delivery.stop();
await transport.stop();
app.close();
