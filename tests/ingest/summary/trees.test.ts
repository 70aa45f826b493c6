import { describe, expect, it } from "vitest";
import { Rows } from "../../../scripts/lib/fit.ts";
import { boost } from "../../../scripts/lib/gbdt.ts";
import { TreeEnsemble, type TreeEnsembleFile } from "../../../src/ingest/summary/trees.ts";
import { seededRandom } from "../../../src/lib/random.ts";

describe("a stored tree ensemble", () => {
  // One tree of depth 2: x0 ≤ 1 → (x1 ≤ 0 → 10 | 20); else no split → 30 (the right leaf 40 unused).
  const file: TreeEnsembleFile = {
    depth: 2,
    trees: 1,
    features: [0, 1, -1],
    thresholds: [1, 0, 0],
    leaves: [10, 20, 30, 40],
  };

  it("walks each tree left when x ≤ threshold and sums the leaves", () => {
    const trees = new TreeEnsemble(file);
    expect(trees.score([1, 0])).toBe(10);
    expect(trees.score([0.5, 2])).toBe(20);
    expect(trees.score([3, 0])).toBe(30);
    const two = new TreeEnsemble({
      ...file,
      trees: 2,
      features: [...file.features, ...file.features],
      thresholds: [...file.thresholds, ...file.thresholds],
      leaves: [...file.leaves, 1, 2, 3, 4],
    });
    expect(two.score([3, 0])).toBe(33);
  });

  it("refuses arrays of the wrong size or unknown features", () => {
    expect(TreeEnsemble.valid(file, 2)).toBe(true);
    expect(TreeEnsemble.valid({ ...file, leaves: [1, 2, 3] }, 2)).toBe(false);
    expect(TreeEnsemble.valid(file, 1)).toBe(false);
    expect(TreeEnsemble.valid({ ...file, depth: 0 }, 2)).toBe(false);
  });
});

describe("boosting trees", () => {
  /** Groups of 5 rows; the label is a step in x0 and an interaction no line can fit. */
  function data(seed: number): Rows {
    const rows = new Rows(3);
    const next = seededRandom(seed);
    for (let g = 0; g < 400; g++) {
      for (let k = 0; k < 5; k++) {
        const x = [next(), next(), next()];
        const y = (x[0] as number) > 0.5 ? 1 : 0;
        const both = (x[1] as number) > 0.5 && (x[2] as number) > 0.5 ? 1 : 0;
        rows.push(x, y + both, g);
      }
    }
    return rows;
  }

  it("learns a step and an interaction within groups (regression); same seed, same trees", () => {
    const rows = data(1);
    const options = {
      objective: "regression" as const,
      trees: 60,
      depth: 3,
      learningRate: 0.3,
      lambda: 1,
      minChildWeight: 5,
      subsample: 0.8,
      temperature: 1,
      seed: 7,
    };
    const file = boost(rows, options);
    const trees = new TreeEnsemble(file);
    // Scores are learnt within groups: differences, not levels, carry the labels.
    const low = trees.score([0.1, 0.1, 0.1]);
    expect(trees.score([0.9, 0.9, 0.9]) - low).toBeCloseTo(2, 0);
    expect(trees.score([0.9, 0.1, 0.9]) - low).toBeCloseTo(1, 0);
    expect(trees.score([0.1, 0.9, 0.1]) - low).toBeCloseTo(0, 0);
    // Same data and seed: the same trees, to the last digit.
    expect(boost(rows, options)).toEqual(file);
  });

  it("ranks within groups (listwise) and can start from another model's scores", () => {
    const rows = data(2);
    const base = new Float64Array(rows.n).fill(5); // a constant base changes no ranking
    const file = boost(
      rows,
      {
        objective: "listwise",
        trees: 40,
        depth: 3,
        learningRate: 0.3,
        lambda: 1,
        minChildWeight: 0.5,
        subsample: 1,
        temperature: 0.5,
        seed: 7,
      },
      (x) => x,
      base,
    );
    const trees = new TreeEnsemble(file);
    expect(trees.score([0.9, 0.9, 0.9])).toBeGreaterThan(trees.score([0.9, 0.1, 0.9]));
    expect(trees.score([0.9, 0.1, 0.9])).toBeGreaterThan(trees.score([0.1, 0.1, 0.1]));
  });
});
