/**
 * A boosted tree ensemble, as the summary ranker stores it: complete binary trees of one depth,
 * flattened. Node `k` of a tree sends a row left when `x[feature] <= threshold` (feature -1: no
 * split, always left); leaf values are summed over the trees. Trained by `scripts/lib/gbdt.ts`.
 */

/** The ensemble as stored in the artefact (`summary-model.json`, field `ranker`). */
export interface TreeEnsembleFile {
  depth: number;
  trees: number;
  /** Per tree, its 2^depth − 1 split nodes' features (breadth first). */
  features: readonly number[];
  thresholds: readonly number[];
  /** Per tree, its 2^depth leaf values. */
  leaves: readonly number[];
}

/** A loaded ensemble: typed arrays, and `score(x)`. */
export class TreeEnsemble {
  readonly depth: number;
  readonly trees: number;
  readonly #features: Int16Array;
  readonly #thresholds: Float64Array;
  readonly #leaves: Float64Array;

  constructor(file: TreeEnsembleFile) {
    this.depth = file.depth;
    this.trees = file.trees;
    this.#features = Int16Array.from(file.features);
    this.#thresholds = Float64Array.from(file.thresholds);
    this.#leaves = Float64Array.from(file.leaves);
  }

  /** Whether the arrays have the sizes depth and tree count say, and features exist. */
  static valid(file: TreeEnsembleFile, featureCount: number): boolean {
    const { depth, trees } = file;
    if (!Number.isInteger(depth) || depth < 1 || depth > 10) return false;
    if (!Number.isInteger(trees) || trees < 0) return false;
    const nodes = 2 ** depth - 1;
    return (
      Array.isArray(file.features) &&
      file.features.length === trees * nodes &&
      file.thresholds.length === trees * nodes &&
      file.leaves.length === trees * (nodes + 1) &&
      file.features.every((f) => Number.isInteger(f) && f >= -1 && f < featureCount)
    );
  }

  score(x: ArrayLike<number>): number {
    const nodes = 2 ** this.depth - 1;
    const f = this.#features;
    const t = this.#thresholds;
    const leaves = this.#leaves;
    let sum = 0;
    for (let tree = 0; tree < this.trees; tree++) {
      const base = tree * nodes;
      let k = 0;
      while (k < nodes) {
        const feature = f[base + k] as number;
        const left = feature < 0 || (x[feature] as number) <= (t[base + k] as number);
        k = 2 * k + (left ? 1 : 2);
      }
      sum += leaves[tree * (nodes + 1) + k - nodes] as number;
    }
    return sum;
  }
}
