import fc from "fast-check";
import { describe, it } from "vitest";
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
});
