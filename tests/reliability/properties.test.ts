import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bold, italic } from "../../src/messages/markup.ts";
import {
  cleanerProperty,
  formatterProperty,
  splitterProperty,
  summaryProperty,
} from "./scenarios/properties.ts";

// Few runs here (CI); `npm run soak` runs the same properties thousands of times.
describe("The text pipeline on any article (property-based)", () => {
  it("the cleaner never throws and leaves only clean, one-line blocks (text and HTML)", () => {
    fc.assert(cleanerProperty, { numRuns: 150 });
  });

  it("the splitter loses and invents nothing: its sentences are the text, spaces aside", () => {
    fc.assert(splitterProperty, { numRuns: 150 });
  });

  it("the summary invents nothing: each of its sentences is verbatim in the cleaned article", () => {
    fc.assert(summaryProperty, { numRuns: 150 });
  });

  it("every template stays within 4,096 characters with its markup paired on each line", () => {
    fc.assert(formatterProperty, { numRuns: 100 });
  });

  it("a title or byline holding a link stays plain: a marker glued to a link would join it", () => {
    // What the property found: "*Communiqué : www.gouv.ml/avis_1*" opens a bold span it never closes.
    expect(bold("Communiqué : www.gouv.ml/avis_1")).toBe("Communiqué : www.gouv.ml/avis_1");
    expect(italic("Politique — https://gouv.ml")).toBe("Politique — https://gouv.ml");
    expect(bold("Prix *en hausse*")).toBe("*Prix ∗en hausse∗*");
  });
});
