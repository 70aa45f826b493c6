import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { readArticleFile } from "../../../src/sources/files/read-file.ts";
import { SEED } from "../../support/articles.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-decode-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The bytes with one invalid byte (0xFF, never UTF-8) put just before `before`. */
function withBadByte(bytes: Buffer, before: string): Buffer {
  const at = bytes.indexOf(before);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
}

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("a UTF-8 file with one invalid byte", () => {
  it("stays UTF-8 (the byte becomes U+FFFD), not Windows-1252 mojibake", async () => {
    const bad = withBadByte(fs.readFileSync(SEED), "Les ministres");
    const read = await readArticleFile(write("aes.txt", bad));
    const text = `${read.inputs[0]?.title} ${read.inputs[0]?.body}`;
    expect(text).toContain("Sahel à Moscou");
    expect(text).not.toMatch(/Ã©|Ã |Ã¨/);
  });

  it("stays UTF-8 in a big JSON export read in slices", async () => {
    const item = {
      title: "Ségou vote son budget",
      body: "L'éclairage public coûtera plus. ".repeat(40),
    };
    const json = Buffer.from(JSON.stringify(Array.from({ length: 1_500 }, () => item)));
    const read = await readArticleFile(write("export.json", withBadByte(json, "coûtera")));
    expect(read.inputs).toHaveLength(1_500);
    expect(read.inputs[0]?.title).toBe("Ségou vote son budget");
    expect(read.inputs[0]?.body).toMatch(/^L'éclairage public \ufffdcoûtera plus\./);
  });

  it("still reads a real Windows-1252 file as Windows-1252", async () => {
    const text =
      "Ségou : le budget voté\n\nL’éclairage public coûtera 5 000 € de plus, a précisé le maire.";
    const read = await readArticleFile(write("cp1252.txt", iconv.encode(text, "win1252")));
    expect(read.inputs[0]?.title).toBe("Ségou : le budget voté");
    expect(read.inputs[0]?.body).toContain("L’éclairage public coûtera 5 000 €");
  });
});

describe("text double-encoded on disk (UTF-8 once read as Windows-1252 and saved again)", () => {
  const good =
    "Ségou : le budget voté\n\nL’éclairage public coûtera 5 000 € de plus « dès l’été », a précisé le maire à la presse.";
  /** What an editor's tool left: the UTF-8 bytes read as Windows-1252, written out as UTF-8. */
  const doubled = Buffer.from(iconv.decode(Buffer.from(good, "utf8"), "win1252"), "utf8");

  it("is read back as the French it was", async () => {
    expect(doubled.toString("utf8")).toContain("Ã©");
    const read = await readArticleFile(write("double.txt", doubled));
    expect(read.inputs[0]?.title).toBe("Ségou : le budget voté");
    expect(read.inputs[0]?.body).toBe(good.split("\n\n")[1]);
  });

  it("is read back in a big export read in slices too, correct text beside it untouched", async () => {
    const item = (title: string) => ({
      title,
      body: "L’éclairage public coûtera plus. ".repeat(40),
    });
    const items = Array.from({ length: 1_500 }, (_, i) =>
      item(i % 2 ? "Ségou vote" : "SÃ©gou vote"),
    );
    const read = await readArticleFile(write("mixed.json", Buffer.from(JSON.stringify(items))));
    expect(new Set(read.inputs.map((input) => input.title))).toEqual(new Set(["Ségou vote"]));
  });
});
