import { afterEach, describe, expect, it } from "vitest";
import { startHttp } from "../../src/app/http.ts";
import { silentLogger } from "../../src/log.ts";
import { harness } from "../support/delivery.ts";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe("the bot's HTTP server at start", () => {
  it("hands a one-time desk link to the terminal, so a newcomer signs in without the CLI", async () => {
    const h = await harness({ env: { EDITORS: "+22370000009", HTTP_PORT: "0" } });
    closers.push(() => h.app.close());
    const links: string[] = [];
    const server = await startHttp(h.app.config, h.app, h.transport, null, silentLogger(), {
      signInLink: (url) => links.push(url),
    });
    closers.push(() => server?.close());
    expect(links).toHaveLength(1);
    const [link = ""] = links;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/desk\/connexion\/lien\/[\w-]{20,}$/);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Se connecter");
  });

  it("makes no link when nobody asked for one (a service's logs)", async () => {
    const h = await harness({ env: { EDITORS: "+22370000009", HTTP_PORT: "0" } });
    closers.push(() => h.app.close());
    const server = await startHttp(h.app.config, h.app, h.transport, null, silentLogger());
    closers.push(() => server?.close());
    const page = await fetch(`http://127.0.0.1:${server?.port}/desk/connexion`);
    expect(page.status).toBe(200);
    expect(h.app.db.prepare("SELECT count(*) FROM desk_sign_in_tokens").pluck().get()).toBe(0);
  });
});
