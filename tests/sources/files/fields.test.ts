import { describe, expect, it } from "vitest";
import { fieldsToInput } from "../../../src/sources/files/fields.ts";

const base = { title: "Ségou vote son budget", body: "Le conseil municipal a voté." };

describe("article fields from JSON and front matter", () => {
  it("accepts http(s) addresses for url and image", () => {
    const input = fieldsToInput(
      { ...base, url: "https://journal.ml/segou", image: "http://journal.ml/p.jpg" },
      "a.json",
    );
    expect(input).toMatchObject({
      url: "https://journal.ml/segou",
      image: "http://journal.ml/p.jpg",
    });
  });

  it("refuses javascript:, data:, file: and relative addresses, saying what to write", () => {
    for (const url of [
      "javascript:alert(1)",
      "JavaScript:void(0)",
      "file:///etc/passwd",
      "/segou",
    ]) {
      const result = fieldsToInput({ ...base, url }, "a.json");
      expect(typeof result, url).toBe("string");
      expect(result, url).toMatch(/"url" doit être une adresse web complète/);
    }
    for (const image of ["data:image/png;base64,AAAA", "javascript:alert(1)", "photo.jpg"]) {
      const result = fieldsToInput({ ...base, image }, "a.json");
      expect(result, image).toMatch(/"image" doit être une adresse web complète/);
    }
    expect(fieldsToInput({ ...base, link: "javascript:alert(1)" }, "a.json")).toMatch(/refusée/);
  });
});
