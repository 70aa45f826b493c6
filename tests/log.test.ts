import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";

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
});
