import { describe, expect, it } from "vitest";
import { htmlDepth } from "../../src/lib/html-depth.ts";
import { bounded } from "../support/bounded.ts";

describe("htmlDepth", () => {
  it("counts nesting, leaving void and self-closing elements and implicit closes out", () => {
    expect(htmlDepth("<div><section><p>a<p>b</section></div>")).toBe(2);
    expect(htmlDepth("<div><br><img src=x><span/></div>")).toBe(1);
    expect(htmlDepth("<my-el data-x='1'><x:y>t</x:y></my-el>")).toBe(2);
  });

  it("scans « <a » then 200,000 name characters and no « > » in linear time (it was 27 s)", () => {
    const page = `<div><a${"-".repeat(200_000)}<b>x</b></div>`;
    expect(bounded(() => htmlDepth(page))).toBe(2);
  });
});
