import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskPhone } from "../src/log.ts";
import { classifySendError } from "../src/transport/whatsapp/errors.ts";
import { bounded } from "./support/bounded.ts";

function capture(): { stream: Writable; lines: () => string } {
  let out = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  return { stream, lines: () => out };
}

describe("logger", () => {
  it("masks the editor's number logged as `by` (pause, resume, cancel)", () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: "info", format: "json", destination: stream });
    log.info({ by: "+22370000012" }, "envois mis en pause");
    expect(lines()).not.toContain("22370000012");
    expect(lines()).toContain("+223••••••12");
  });

  it("masks any field whose whole value is a number or a WhatsApp id", () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: "info", format: "json", destination: stream });
    log.info({ whoever: "22370000012@c.us", row: 12, kind: "reply" }, "x");
    expect(lines()).not.toContain("22370000012");
    expect(JSON.parse(lines())).toMatchObject({ row: 12, kind: "reply" });
  });

  it("masks a number inside an error's cause, a nested field, an array and the message", () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: "info", format: "json", destination: stream });
    // whatsapp-web.js's own words, kept as the cause of the (masked) TransportError.
    const error = classifySendError(new Error("No LID for user 22370000012@c.us"));
    log.error({ err: error, row: 7 }, "envoi en échec");
    log.warn({ detail: { to: "+223 70 00 00 12" }, ids: ["22370000012@lid"] }, "x");
    log.info("abonné +22370000012 : arrêt");
    expect(lines()).not.toMatch(/70\D?00\D?00\D?12/);
    const first = JSON.parse(lines().split("\n")[0] ?? "");
    expect(first).toMatchObject({
      row: 7,
      err: { type: "TransportError", code: "TRANSPORT_FAILED" },
    });
    expect(first.err.message).toContain("+223••••••12@c.us");
    expect(lines()).toContain("abonné +223••••••12 : arrêt");
  });

  it("leaves timestamps and row ids alone, and the caller's objects unchanged", () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: "info", format: "json", destination: stream });
    const fields = { at: 1796152985080, detail: { phone: "+22370000012" } };
    log.info(fields, "ligne 1796152985080");
    expect(JSON.parse(lines())).toMatchObject({ at: 1796152985080, msg: "ligne 1796152985080" });
    expect(fields.detail.phone).toBe("+22370000012");
  });

  it("masks in time linear in the text: a 90 kB run of digits (an editor's audit target)", () => {
    // Every position of the run was tried, each scanning to its end: seconds, then minutes.
    const run = `${"1".repeat(90_000)}a`;
    expect(bounded(() => maskPhone(run), 1000)).toBe(run);
    expect(maskPhone("22370000012@c.us")).toBe("+223••••••12@c.us");
  });
});
