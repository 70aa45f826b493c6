import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DestinationGuard, isNonPublicAddress } from "../../../src/sources/feeds/destination.ts";
import { FeedFetchError, fetchFeed } from "../../../src/sources/feeds/fetch.ts";
import { FeedServer, fixture } from "./feed-server.ts";

const publicOnly = { allowPrivate: false, allowHosts: [] };
const local = { allowPrivate: false, allowHosts: ["127.0.0.1"] };

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw error;
  }
  throw new Error("expected a FeedFetchError");
}

describe("where a feed request may go (SSRF)", () => {
  const server = new FeedServer();

  beforeAll(async () => {
    await server.start();
    server
      .feed("/feed/", fixture("wordpress-fr.xml"))
      .route("/to-metadata/", {
        status: 302,
        headers: { location: "http://169.254.169.254/latest/meta-data/" },
      })
      .route("/to-lan/", { status: 301, headers: { location: "http://10.0.0.5/feed/" } })
      .route("/to-loopback-v6/", { status: 302, headers: { location: "http://[::1]:1/feed/" } })
      .route("/to-localhost/", { status: 307, headers: { location: "http://localhost:1/x" } });
  });
  afterAll(() => server.close());

  it("refuses loopback by default, before any request, and says how to allow it", async () => {
    const before = server.requests.length;
    const refused = await failure(
      fetchFeed(server.url("/feed/"), {
        etag: null,
        lastModified: null,
        destinations: publicOnly,
      }),
    );
    expect(refused.reason).toBe("blocked");
    expect(refused.permanent).toBe(false);
    expect(refused.message).toMatch(/FEEDS_ALLOW_HOSTS=127\.0\.0\.1/);
    expect(refused.message).toMatch(/FEEDS_ALLOW_PRIVATE=true/);
    expect(server.requests.length).toBe(before);
    // No policy given at all is the same: public addresses only.
    const bare = await failure(fetchFeed(server.url("/feed/"), { etag: null, lastModified: null }));
    expect(bare.reason).toBe("blocked");
  });

  it("checks every redirect: metadata, LAN, IPv6 loopback and localhost are refused", async () => {
    for (const route of ["/to-metadata/", "/to-lan/", "/to-loopback-v6/", "/to-localhost/"]) {
      const refused = await failure(
        fetchFeed(server.url(route), { etag: null, lastModified: null, destinations: local }),
      );
      expect(refused.reason, route).toBe("blocked");
    }
  });

  it("refuses disguised loopback addresses (decimal, IPv4-mapped IPv6, 0.0.0.0)", async () => {
    for (const url of [
      "http://2130706433/feed",
      "http://0x7f.1/feed",
      "http://[::ffff:127.0.0.1]/feed",
      "http://0.0.0.0/feed",
      "http://[fd00:ec2::254]/latest/meta-data/",
    ]) {
      const refused = await failure(
        fetchFeed(url, { etag: null, lastModified: null, destinations: publicOnly }),
      );
      expect(refused.reason, url).toBe("blocked");
    }
  });

  it("lets the newsroom allow its own hosts, ranges, or every private address", async () => {
    const byHost = await fetchFeed(server.url("/feed/"), {
      etag: null,
      lastModified: null,
      destinations: local,
    });
    expect(byHost.kind).toBe("ok");
    const byRange = await fetchFeed(server.url("/feed/"), {
      etag: null,
      lastModified: null,
      destinations: { allowPrivate: false, allowHosts: ["127.0.0.0/8"] },
    });
    expect(byRange.kind).toBe("ok");
    const all = await fetchFeed(server.url("/feed/"), {
      etag: null,
      lastModified: null,
      destinations: { allowPrivate: true, allowHosts: [] },
    });
    expect(all.kind).toBe("ok");
  });

  it("classifies addresses: private, loopback, link-local, shared and metadata are not public", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:10.0.0.1",
    ]) {
      expect(isNonPublicAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "196.200.1.1", "172.32.0.1", "2001:4860:4860::8888"]) {
      expect(isNonPublicAddress(ip), ip).toBe(false);
    }
  });

  it("checks the addresses the socket really connects to (a name that rebinds to 127.0.0.1)", async () => {
    const guard = new DestinationGuard(publicOnly);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guard.lookup("localhost", {}, (e) => resolve(e)),
    );
    expect(error?.code).toBe("EBLOCKED");
    const allowed = new DestinationGuard({ allowPrivate: false, allowHosts: ["localhost"] });
    const ok = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      allowed.lookup("localhost", {}, (e) => resolve(e)),
    );
    expect(ok).toBeNull();
  });
});
