import { describe, expect, it } from "vitest";
import { extractDateline } from "../../src/ingest/dateline.ts";

const now = new Date("2026-03-01T12:00:00Z");
const first = (text: string) => extractDateline([{ kind: "paragraph", text }], now);

describe("datelines", () => {
  it("reads agency codes, numeric dates and a missing year, and removes the dateline", () => {
    const a = first("Ouagadougou, 22 mars 2025 (AIB) – Le conseil s'est réuni.");
    expect(a.dateline?.text).toBe("Ouagadougou, 22 mars 2025");
    expect(a.blocks[0]).toEqual({ kind: "paragraph", text: "Le conseil s'est réuni." });
    const b = first("Dakar, 4 août (APS) – Les pluies ont repris.");
    expect(b.dateline?.date?.toISOString().slice(0, 10)).toBe("2025-08-04");
    const c = first("Abidjan, 19-02-2024 (lepointsur.com) Le sélectionneur a été confirmé.");
    expect(c.dateline?.date?.toISOString().slice(0, 10)).toBe("2024-02-19");
    expect(c.blocks[0]).toEqual({ kind: "paragraph", text: "Le sélectionneur a été confirmé." });
    // A date written year first, as some sites' templates print it.
    const d = first("Kaolack, 2025-03-12 (ANS) – La campagne arachidière est lancée.");
    expect(d.dateline?.text).toBe("Kaolack, 2025-03-12");
    expect(d.dateline?.date?.toISOString().slice(0, 10)).toBe("2025-03-12");
    expect(d.blocks[0]).toEqual({ kind: "paragraph", text: "La campagne arachidière est lancée." });
  });

  it("is not fooled by a place and a word after the comma", () => {
    expect(first("Zinder, Politique – un texte").dateline).toBeNull();
  });
});
