import { describe, expect, it } from "vitest";
import { classifyGraphError } from "../../../src/transport/cloud/graph-errors.ts";

const meta = (code: number, message = "x") => ({
  error: { message, type: "OAuthException", code },
});

describe("Cloud API refusals → what the dispatcher does", () => {
  it.each([
    [130429, 400, "transient", "throughput"],
    [131056, 400, "transient", "pair-rate"],
    [131048, 400, "transient", "spam-rate"],
    [131049, 400, "permanent", "not-delivered"],
    [131047, 400, "permanent", "window"],
    [131026, 400, "permanent", "undeliverable"],
    [190, 401, "transient", "auth"],
    [132001, 404, "permanent", "invalid"],
    [131000, 500, "transient", "server"],
  ] as const)("code %i (HTTP %i) is %s / %s", (code, status, kind, signal) => {
    const error = classifyGraphError(status, meta(code));
    expect(error).toMatchObject({ kind, signal, graphCode: code });
  });

  it("rate limits carry how long to wait; a Retry-After header wins", () => {
    expect(classifyGraphError(400, meta(131056)).retryAfterMs).toBe(6000);
    expect(classifyGraphError(429, null, "30").retryAfterMs).toBe(30_000);
    expect(classifyGraphError(429, null)).toMatchObject({
      kind: "transient",
      signal: "throughput",
    });
  });

  it("an unknown 4xx is permanent, an unknown 5xx transient", () => {
    expect(classifyGraphError(400, meta(999999))).toMatchObject({ kind: "permanent" });
    expect(classifyGraphError(503, "Service Unavailable")).toMatchObject({ kind: "transient" });
  });
});
