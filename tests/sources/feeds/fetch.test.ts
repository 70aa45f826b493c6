import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedFetchError, fetchFeed } from "../../../src/sources/feeds/fetch.ts";
import { FeedServer, fixture } from "./feed-server.ts";

// The test server listens on 127.0.0.1, which feeds may reach only when allowed.
const local = { allowPrivate: false, allowHosts: ["127.0.0.1"] };
const noValidators = { etag: null, lastModified: null, destinations: local };

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw error;
  }
  throw new Error("expected a FeedFetchError");
}

describe("fetching a feed over HTTP", () => {
  const server = new FeedServer();
  const wordpress = fixture("wordpress-fr.xml");

  beforeAll(async () => {
    await server.start();
    server
      .feed("/feed/", wordpress, { etag: '"wp-1"' })
      .route("/gzip/", {
        headers: { "content-type": "application/rss+xml" },
        body: wordpress,
        gzip: true,
      })
      .route("/old/", { status: 301, headers: { location: "/feed/" } })
      .route("/older/", { status: 308, headers: { location: "/old/" } })
      .route("/temporary/", { status: 302, headers: { location: "/feed/" } })
      .route("/moved-then-temporary/", { status: 301, headers: { location: "/temporary/" } })
      .route("/loop/", { status: 302, headers: { location: "/loop/" } })
      .route("/missing/", { status: 404, body: "Not Found" })
      .route("/gone/", { status: 410, body: "Gone" })
      .route("/broken/", { status: 500, body: "Internal Server Error" })
      .route("/busy/", { status: 503, headers: { "retry-after": "120" } })
      .route("/slow/", { delayMs: 2_000, body: wordpress })
      .route("/stalls/", { hangAfter: 500, body: wordpress })
      .route("/huge-declared/", { body: Buffer.alloc(3000, 0x20) })
      .route("/huge-streamed/", {
        body: Buffer.alloc(3000, 0x20),
        headers: { "transfer-encoding": "chunked" },
      });
  });
  afterAll(() => server.close());

  it("downloads a feed with its validators, asking politely", async () => {
    const result = await fetchFeed(server.url("/feed/"), noValidators);
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.status).toBe(200);
    expect(Buffer.from(result.bytes).equals(wordpress)).toBe(true);
    expect(result.validators).toEqual({
      etag: '"wp-1"',
      lastModified: "Wed, 02 Apr 2025 16:05:12 GMT",
    });
    expect(result.movedTo).toBeNull();
    const sent = server.requests.at(-1)?.headers;
    expect(sent?.["user-agent"]).toMatch(/^suivez-info/);
    expect(sent?.["accept-encoding"]).toMatch(/gzip/);
    expect(sent?.accept).toMatch(/application\/rss\+xml/);
  });

  it("sends If-None-Match / If-Modified-Since and gets a 304 that costs nothing", async () => {
    const byEtag = await fetchFeed(server.url("/feed/"), {
      etag: '"wp-1"',
      lastModified: null,
      destinations: local,
    });
    expect(byEtag.kind).toBe("not-modified");
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"wp-1"');
    const byDate = await fetchFeed(server.url("/feed/"), {
      etag: null,
      lastModified: "Wed, 02 Apr 2025 16:05:12 GMT",
      destinations: local,
    });
    expect(byDate.kind).toBe("not-modified");
    expect(server.requests.at(-1)?.headers["if-modified-since"]).toBe(
      "Wed, 02 Apr 2025 16:05:12 GMT",
    );
  });

  it("decompresses gzip", async () => {
    const result = await fetchFeed(server.url("/gzip/"), noValidators);
    expect(result.kind === "ok" && Buffer.from(result.bytes).equals(wordpress)).toBe(true);
  });

  it("follows redirects and reports a permanent move (301, 308), not a temporary one (302)", async () => {
    const moved = await fetchFeed(server.url("/old/"), noValidators);
    expect(moved.url).toBe(server.url("/feed/"));
    expect(moved.movedTo).toBe(server.url("/feed/"));
    const twice = await fetchFeed(server.url("/older/"), noValidators);
    expect(twice.movedTo).toBe(server.url("/feed/"));
    const temporary = await fetchFeed(server.url("/temporary/"), noValidators);
    expect(temporary.url).toBe(server.url("/feed/"));
    expect(temporary.movedTo).toBeNull();
    // Moved for good to an address that itself redirects temporarily: store the permanent one.
    const mixed = await fetchFeed(server.url("/moved-then-temporary/"), noValidators);
    expect(mixed.movedTo).toBe(server.url("/temporary/"));
  });

  it("gives up on a redirect loop", async () => {
    const error = await failure(fetchFeed(server.url("/loop/"), noValidators));
    expect(error.reason).toBe("redirects");
    expect(error.message).toMatch(/trop de redirections/);
  });

  it("explains 404, 410, 500 and 503 with Retry-After", async () => {
    const missing = await failure(fetchFeed(server.url("/missing/"), noValidators));
    expect([missing.status, missing.permanent]).toEqual([404, false]);
    expect(missing.message).toMatch(/introuvable \(404\)/);
    const gone = await failure(fetchFeed(server.url("/gone/"), noValidators));
    expect([gone.status, gone.permanent]).toEqual([410, true]);
    const broken = await failure(fetchFeed(server.url("/broken/"), noValidators));
    expect(broken.status).toBe(500);
    const busy = await failure(fetchFeed(server.url("/busy/"), noValidators));
    expect([busy.status, busy.retryAfterMs]).toEqual([503, 120_000]);
  });

  it("times out on a server that answers too slowly, or stalls mid-body", async () => {
    const slow = await failure(
      fetchFeed(server.url("/slow/"), { ...noValidators, timeoutMs: 150 }),
    );
    expect(slow.reason).toBe("timeout");
    expect(slow.message).toMatch(/délai dépassé/);
    const stalls = await failure(
      fetchFeed(server.url("/stalls/"), { ...noValidators, timeoutMs: 150 }),
    );
    expect(stalls.reason).toBe("timeout");
  });

  it("refuses a body over the size cap, declared or streamed", async () => {
    const declared = await failure(
      fetchFeed(server.url("/huge-declared/"), { ...noValidators, maxBytes: 1000 }),
    );
    expect(declared.reason).toBe("too-large");
    const streamed = await failure(
      fetchFeed(server.url("/huge-streamed/"), { ...noValidators, maxBytes: 1000 }),
    );
    expect(streamed.reason).toBe("too-large");
    expect(streamed.message).toMatch(/trop volumineux/);
  });

  it("says so when nothing listens, and refuses non-web addresses", async () => {
    const refused = await failure(fetchFeed("http://127.0.0.1:1/feed/", noValidators));
    expect(refused.reason).toBe("network");
    expect(refused.message).toMatch(/connexion impossible/);
    const ftp = await failure(fetchFeed("ftp://example.org/feed", noValidators));
    expect([ftp.reason, ftp.permanent]).toEqual(["bad-url", true]);
  });
});
