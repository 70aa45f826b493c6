import dns from "node:dns";
import net from "node:net";

/**
 * Which hosts a feed request may reach. By default only public Internet addresses: a feed URL
 * (or a redirect) pointing at 127.0.0.1, the LAN or a cloud metadata service would otherwise
 * let whoever controls a feed make the bot read, import and broadcast internal pages (SSRF).
 */
export interface DestinationPolicy {
  /** FEEDS_ALLOW_PRIVATE=true: every destination allowed (a bot inside a closed network). */
  allowPrivate: boolean;
  /** FEEDS_ALLOW_HOSTS: host names, IP addresses or CIDR ranges allowed although private. */
  allowHosts: readonly string[];
}

export const PUBLIC_ONLY: DestinationPolicy = { allowPrivate: false, allowHosts: [] };

/** Loopback, private, link-local (metadata), shared, reserved, documentation and multicast. */
const NON_PUBLIC: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["224.0.0.0", 3, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["64:ff9b::", 96, "ipv6"],
  ["100::", 64, "ipv6"],
  ["2001:db8::", 32, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["fec0::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

function blockList(ranges: readonly [string, number, "ipv4" | "ipv6"][]): net.BlockList {
  const list = new net.BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
}

/** `::ffff:127.0.0.1` (and `[::1]` from a URL) as the address it really is. */
function plainAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

/** Whether an IP address is anything but a public Internet address. */
export function isNonPublicAddress(address: string, ranges = NON_PUBLIC_LIST): boolean {
  const ip = plainAddress(address);
  const family = net.isIP(ip);
  if (family === 0) return false;
  return ranges.check(ip, family === 4 ? "ipv4" : "ipv6");
}

const NON_PUBLIC_LIST = blockList(NON_PUBLIC);

/** A destination refused by the policy; `hint` says how to allow it. */
export class BlockedDestination extends Error {
  override name = "BlockedDestination";
  readonly code = "EBLOCKED";
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(blockedMessage(host, address));
  }
}

function blockedMessage(host: string, address: string): string {
  const what = host === address ? `« ${host} »` : `« ${host} » (${address})`;
  return `destination refusée : ${what} est une adresse locale, privée ou de métadonnées, qu'un flux ne doit pas faire lire au robot. S'il s'agit du CMS de votre réseau, ajoutez FEEDS_ALLOW_HOSTS=${host} dans .env (ou FEEDS_ALLOW_PRIVATE=true pour tout autoriser)`;
}

/** The policy compiled once per request: host names and addresses that may be private. */
export class DestinationGuard {
  readonly #policy: DestinationPolicy;
  readonly #hosts = new Set<string>();
  readonly #allowed = new net.BlockList();

  constructor(policy: DestinationPolicy) {
    this.#policy = policy;
    for (const raw of policy.allowHosts) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [address = "", prefix] = entry.split("/");
      const ip = plainAddress(address);
      const family = net.isIP(ip);
      if (family === 0) {
        this.#hosts.add(entry.replace(/\.$/, ""));
        continue;
      }
      const kind = family === 4 ? "ipv4" : "ipv6";
      if (prefix !== undefined && /^\d+$/.test(prefix)) {
        this.#allowed.addSubnet(ip, Number(prefix), kind);
      } else {
        this.#allowed.addAddress(ip, kind);
      }
    }
  }

  #hostAllowed(host: string): boolean {
    return this.#policy.allowPrivate || this.#hosts.has(host.toLowerCase().replace(/\.$/, ""));
  }

  #addressAllowed(address: string): boolean {
    if (!isNonPublicAddress(address)) return true;
    const ip = plainAddress(address);
    return this.#allowed.check(ip, net.isIP(ip) === 4 ? "ipv4" : "ipv6");
  }

  /** Throws BlockedDestination when `host` resolving to `address` is refused. */
  assertAllowed(host: string, address: string): void {
    if (this.#hostAllowed(host) || this.#addressAllowed(address)) return;
    throw new BlockedDestination(host, plainAddress(address));
  }

  /**
   * Resolves the URL's host and checks every address it has (a name with one private address
   * among public ones is refused: the connection could land on it). Throws BlockedDestination.
   */
  async check(url: URL, resolve = lookupAll): Promise<void> {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (this.#hostAllowed(host)) return;
    if (net.isIP(plainAddress(host)) !== 0) {
      this.assertAllowed(host, host);
      return;
    }
    if (host === "localhost" || host.endsWith(".localhost")) {
      throw new BlockedDestination(host, "127.0.0.1");
    }
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch {
      return; // The request itself reports the DNS failure, in its own words.
    }
    for (const address of addresses) this.assertAllowed(host, address);
  }

  /**
   * A `lookup` for the sockets of the request: the addresses really connected to are checked
   * too, so a name that resolved to a public address for `check` and to 127.0.0.1 a moment
   * later (DNS rebinding) is still refused.
   */
  readonly lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, "", 0);
        return;
      }
      try {
        for (const a of addresses) this.assertAllowed(hostname, a.address);
      } catch (blocked) {
        callback(blocked as NodeJS.ErrnoException, "", 0);
        return;
      }
      if (options.all) {
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

async function lookupAll(host: string): Promise<string[]> {
  const found = await dns.promises.lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}
