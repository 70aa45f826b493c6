import { describe, expect, it } from "vitest";
import { printable } from "../../src/lib/printable.ts";

describe("printable", () => {
  it("writes ANSI escapes, controls and bidi overrides as visible escapes", () => {
    expect(printable("a\u001b[2Jb")).toBe("a\\x1b[2Jb");
    expect(printable("x\ry\n")).toBe("x\\x0dy\\x0a");
    expect(printable("\u009b31m")).toBe("\\x9b31m");
    expect(printable("fdp.\u202etxt")).toBe("fdp.\\u{202e}txt");
  });

  it("leaves ordinary text alone, accents and emoji included", () => {
    const text = "Sécurité à Ségou — « 2025 » 👨‍👩‍👧.txt";
    expect(printable(text)).toBe(text);
  });
});
