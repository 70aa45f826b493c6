import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

export const fixturesDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../fixtures/feeds",
);

/** A fixture's bytes, exactly as stored (encodings matter). */
export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(fixturesDir, name));
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds before the headers are sent. */
  delayMs?: number;
  gzip?: boolean;
  /** Send this many bytes of the body, then hang (never end the response). */
  hangAfter?: number;
}

export type Handler = (req: http.IncomingMessage) => Reply;

export interface RequestLog {
  path: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A real HTTP server on 127.0.0.1 (random port) for feed tests: routes answer with fixtures,
 * statuses, delays and validators; every request is logged; `maxConcurrent` tells whether the
 * poller ever had two requests open at once.
 */
export class FeedServer {
  readonly requests: RequestLog[] = [];
  maxConcurrent = 0;
  readonly #routes = new Map<string, Handler>();
  readonly #server: http.Server;
  readonly #sockets = new Set<import("node:net").Socket>();
  #open = 0;

  constructor() {
    this.#server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      this.requests.push({ path: url.pathname + url.search, headers: req.headers });
      this.#open++;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.#open);
      const done = () => {
        this.#open--;
      };
      res.on("close", done);
      const handler = this.#routes.get(url.pathname);
      const reply: Reply = handler ? handler(req) : { status: 404, body: "Not Found" };
      const send = () => {
        let body =
          typeof reply.body === "string"
            ? Buffer.from(reply.body)
            : (reply.body ?? Buffer.alloc(0));
        const headers: Record<string, string> = { ...reply.headers };
        if (reply.gzip) {
          body = zlib.gzipSync(body);
          headers["content-encoding"] = "gzip";
        }
        if (reply.hangAfter !== undefined) {
          res.writeHead(reply.status ?? 200, headers);
          res.write(body.subarray(0, reply.hangAfter));
          return;
        }
        if (!headers["transfer-encoding"]) headers["content-length"] ??= String(body.length);
        res.writeHead(reply.status ?? 200, headers);
        res.end(body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  url(p: string): string {
    return this.origin + p;
  }

  route(p: string, handler: Handler | Reply): this {
    this.#routes.set(p, typeof handler === "function" ? handler : () => handler);
    return this;
  }

  /** Serves a fixture with an ETag and Last-Modified, answering 304 to matching validators. */
  feed(
    p: string,
    body: string | Buffer,
    options: { contentType?: string; etag?: string } = {},
  ): this {
    const etag = options.etag ?? `"${p.length}-${body.length}"`;
    const lastModified = "Wed, 02 Apr 2025 16:05:12 GMT";
    return this.route(p, (req) => {
      // As HTTP says: If-None-Match, when sent, decides alone.
      const inm = req.headers["if-none-match"];
      if (inm !== undefined ? inm === etag : req.headers["if-modified-since"] === lastModified) {
        return { status: 304, headers: { etag } };
      }
      return {
        headers: {
          "content-type": options.contentType ?? "application/rss+xml; charset=UTF-8",
          etag,
          "last-modified": lastModified,
        },
        body,
      };
    });
  }

  hits(p: string): number {
    return this.requests.filter((r) => r.path === p).length;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
