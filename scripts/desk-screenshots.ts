/**
 * Screenshots of the web desk's main pages for README, made the same way every time:
 *   npm run desk:screenshots   → docs/desk/*.png
 * A demonstration newsroom in memory (the seed article and the sample articles of the tests,
 * 40 readers, one broadcast part-sent), the real server on 127.0.0.1, Debian's Chromium.
 */
import fs, { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Registry } from "prom-client";
import { createDispatcher } from "../src/app/delivery.ts";
import { deskDeps } from "../src/app/desk.ts";
import { PairingWatch } from "../src/app/pairing.ts";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { clockSleep } from "../src/dispatcher/dispatcher.ts";
import { createSignInLink } from "../src/http/desk/sign-in.ts";
import { startHttpServer } from "../src/http/server.ts";
import { Ingest } from "../src/ingest/ingest.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { seededRandom } from "../src/lib/random.ts";
import { silentLogger } from "../src/log.ts";
import { MemoryTransport } from "../src/transport/memory.ts";
import { CHROMIUM, hasChromium, launchChromium } from "../tests/support/browser.ts";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "docs/desk");
if (!hasChromium) {
  process.stderr.write(
    `Pas de Chromium à ${CHROMIUM} : apt-get install chromium (ou CHROME_PATH=…)\n`,
  );
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });

const EDITOR = "+22370000009";
const clock = new ManualClock("2026-12-01T09:30:00Z");
const config = loadConfig({
  DATABASE_PATH: ":memory:",
  // « Essayer » opens its own simulator database there: never in the checkout's data/.
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "suivez-screenshots-")),
  ARTICLES_DIR: "tests/fixtures/articles",
  EDITORS: EDITOR,
  TZ: "Africa/Bamako",
  CHANNEL_ID: "120363000000000000@newsletter",
  CHANNEL_INVITE: "https://whatsapp.com/channel/0029VaDemoChannel00",
  NEWSROOM_NAME: "Suivez l'info",
});
const app = openApp(config, { clock, log: silentLogger() });
const ingest = new Ingest({
  articles: app.articles,
  clock,
  log: silentLogger(),
  summaryMaxChars: 280,
});
await ingest.importPaths([path.join(root, "data/articles")]);
const samples = JSON.parse(
  fs.readFileSync(path.join(root, "tests/fixtures/delivery/articles.json"), "utf8"),
) as { key: string; title: string; body: string; categories: string[]; url?: string }[];
samples.forEach((s, i) => {
  const prepared = prepareArticle(
    {
      ...s,
      origin: `tests/fixtures/delivery/articles.json#${s.key}`,
      publishedAt: new Date(clock.now().getTime() - (i + 1) * 3 * 3600_000),
      status: i === 3 ? "draft" : "published",
    },
    { summaryMaxChars: 280 },
  );
  app.articles.upsert(prepared, clock.now(), { known: true });
});
app.db.transaction(() => {
  for (let n = 1; n <= 40; n++) {
    const chatId = `223700${String(n).padStart(5, "0")}@c.us`;
    app.subscribers.touch(chatId, clock.now(), n % 5 === 0 ? "en" : "fr");
    app.subscribers.subscribe(chatId, clock.now());
    app.subscribers.follow(chatId, n % 2 === 0 ? "Politique" : "Économie", clock.now());
  }
})();
// Readers' tips for the Signalements page (one rumour comes back three times).
for (const [n, text] of [
  [3, "C'est vrai que le pont de Kayes est fermé depuis ce matin ?"],
  [8, "le pont de Kayes est fermé ?? vérifiez svp"],
  [12, "Le pont de Kayes est fermé depuis ce matin, c'est vrai ?"],
  [21, "On dit que les examens du DEF sont reportés, vous confirmez ?"],
] as const) {
  app.tips.record({
    chatId: `223700${String(n).padStart(5, "0")}@c.us`,
    text,
    language: "fr",
    forwarded: false,
    at: clock.now(),
  });
}
const transport = new MemoryTransport({ now: () => clock.now() });
await transport.start({ onMessage: () => {}, onStatus: () => {} });
const dispatcher = createDispatcher(app, app.delivery, transport, {
  random: seededRandom(7),
  sleep: clockSleep(clock),
});
// One broadcast done, one under way.
const [first, second] = app.articles.deskPage({ limit: 5 }).filter((a) => a.status === "published");
if (first && second) {
  app.delivery.desk.publish(second.id, EDITOR);
  await dispatcher.drain();
  app.delivery.desk.publish(first.id, EDITOR);
  await dispatcher.drain({ maxRows: 8 });
}
const pairing = new PairingWatch("whatsapp", async () => "K7QX2M9D");
pairing.qr("2@demoQrTextForTheScreenshotOnly,AbCdEfGhIjKlMnOp==,QrStUvWxYz==,0123456789==");

const server = await startHttpServer({
  host: "127.0.0.1",
  port: 0,
  log: silentLogger(),
  metrics: new Registry(),
  healthy: () => ({ ok: true, detail: {} }),
  desk: {
    ...deskDeps(app, { pairing }),
    checks: async () => [
      { name: "Chromium", status: "ok", detail: "trouvé : /usr/bin/chromium" },
      { name: "Chromium démarre", status: "ok", detail: "Chromium 156, sans interface" },
      { name: "Chaîne WhatsApp", status: "ok", detail: "CHANNEL_INVITE=0029VaDemoChannel00" },
    ],
  },
});
const base = `http://127.0.0.1:${server.port}`;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    process.stdout.write(`docs/desk/${name}.png\n`);
  };
  await page.goto(`${base}/desk/connexion`);
  await shot("sign-in");
  await page.goto(`${base}/desk/connexion/lien/${createSignInLink(deskDeps(app), EDITOR)}`);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${base}/desk/articles`);
  await shot("articles");
  if (first) {
    await page.goto(`${base}/desk/articles/${first.id}`);
    await shot("article");
  }
  await page.goto(`${base}/desk/diffusions`);
  await page.locator(".progress").first().waitFor();
  await shot("broadcasts");
  await page.goto(`${base}/desk/appairage`);
  await page.locator("#qr").waitFor();
  await shot("pairing");
  await page.goto(`${base}/desk/audience`);
  await page.locator("canvas").first().waitFor();
  await shot("audience");
  await page.goto(`${base}/desk/journal`);
  await shot("journal");
  await page.goto(`${base}/desk/signalements`);
  await shot("signalements");
  await page.goto(`${base}/desk/essayer`);
  const box = page.getByPlaceholder(/menu/);
  await box.fill("bonjour, les dernières svp");
  await box.press("Enter");
  await page.getByText("Dernières informations").first().waitFor();
  await shot("essayer");
} finally {
  await browser.close();
  await server.close();
  app.close();
}
