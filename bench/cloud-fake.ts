/**
 * The bench's stand-in for Meta's API: a plain node:http server in its own process that answers
 * every POST …/messages like the Cloud API (a wamid) and keeps each request's arrival time.
 * GET /stats gives the count, the span and the most requests seen in any 1-second window.
 */
import http from "node:http";

const arrivals: number[] = [];
let n = 0;
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    const times = Float64Array.from(arrivals).sort();
    let maxInAnySecond = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while ((times[hi] ?? 0) - (times[lo] ?? 0) >= 1000) lo++;
      maxInAnySecond = Math.max(maxInAnySecond, hi - lo + 1);
    }
    // Requests per 10 s from the first: shows whether the pace holds over the whole run.
    const per10s: number[] = [];
    for (const t of times) {
      const slot = Math.floor((t - (times[0] ?? 0)) / 10_000);
      per10s[slot] = (per10s[slot] ?? 0) + 1;
    }
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        per10s,
        count: times.length,
        first: times[0] ?? 0,
        last: times[times.length - 1] ?? 0,
        maxInAnySecond,
      }),
    );
    return;
  }
  arrivals.push(performance.timeOrigin + performance.now());
  req.resume();
  req.on("end", () => {
    const id = `wamid.bench${++n}`;
    res.setHeader("content-type", "application/json");
    res.end(`{"messaging_product":"whatsapp","contacts":[],"messages":[{"id":"${id}"}]}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`port=${address.port}\n`);
});
