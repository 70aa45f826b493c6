/**
 * Gradient-boosted regression trees for ranking an article's candidate summaries, with
 * histogram splits (features cut into at most 64 quantile bins once), complete trees of one
 * depth and Newton leaf values, so one trainer serves two objectives:
 * - `regression`: squared error between each row's score and label, both less their group's
 *   mean (a candidate's ROUGE gain over its article's mean: ranking within an article);
 * - `listwise`: within each group (an article), the softmax of the scores should match the
 *   softmax of the labels at `temperature` (a ListNet-style ranking loss).
 * The trees can start from another model's scores (`base`) and correct them.
 * Deterministic: row sampling uses a seeded generator, and every sum runs in row order.
 * The trees it returns are read by `src/ingest/summary/trees.ts`.
 */
import type { TreeEnsembleFile } from "../../src/ingest/summary/trees.ts";
import { seededRandom } from "../../src/lib/random.ts";
import type { Rows } from "./fit.ts";

export interface BoostOptions {
  objective: "regression" | "listwise";
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values (Newton step −G/(H+λ)). */
  lambda: number;
  /** Least hessian mass (for regression: rows) on each side of a split. */
  minChildWeight: number;
  /** Share of groups each tree is fitted on. */
  subsample: number;
  /** Listwise: the labels' softmax temperature. */
  temperature: number;
  seed: number;
  /** Called after each tree with its index and the ensemble so far (for early stopping). */
  onTree?: (tree: number) => void;
}

const BINS = 64;

/** Quantile cut points of one feature (at most BINS − 1), rounded as the artefact stores them. */
function cutPoints(rows: Rows, f: number, round: (x: number) => number): Float64Array {
  const step = Math.max(1, Math.floor(rows.n / 20000));
  const sample: number[] = [];
  for (let r = 0; r < rows.n; r += step) sample.push(rows.x[r * rows.d + f] as number);
  sample.sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < BINS; b++) {
    const v = round(sample[Math.floor((b * (sample.length - 1)) / BINS)] as number);
    if (cuts.length === 0 || v > (cuts[cuts.length - 1] as number)) cuts.push(v);
  }
  // The largest value needs no cut: everything is ≤ it.
  while (cuts.length > 0 && (cuts[cuts.length - 1] as number) >= (sample[sample.length - 1] ?? 0))
    cuts.pop();
  return Float64Array.from(cuts);
}

/** Bin of a value: the first cut it does not exceed (x ≤ cut[b]), or past the last cut. */
function binOf(cuts: Float64Array, x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= (cuts[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The groups (articles) as [start, end) row ranges; rows of a group are contiguous. */
export function groupsOf(rows: Rows): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (let start = 0; start < rows.n; ) {
    let end = start;
    while (end < rows.n && rows.group[end] === rows.group[start]) end++;
    groups.push([start, end]);
    start = end;
  }
  return groups;
}

/** Fits the ensemble; `round` is applied to thresholds and leaves as the artefact stores them. */
export function boost(
  rows: Rows,
  options: BoostOptions,
  round: (x: number) => number = (x) => x,
  base?: Float64Array,
): TreeEnsembleFile {
  const { n, d } = rows;
  const { depth } = options;
  const nodes = 2 ** depth - 1;
  const cuts = Array.from({ length: d }, (_, f) => cutPoints(rows, f, round));
  const bins = new Uint8Array(n * d); // column-major: bins[f * n + r]
  for (let f = 0; f < d; f++) {
    const c = cuts[f] as Float64Array;
    for (let r = 0; r < n; r++) bins[f * n + r] = binOf(c, rows.x[r * d + f] as number);
  }
  const groups = groupsOf(rows);
  // The trees start from `base` (a linear model's scores) and fit what it misses.
  const pred = base === undefined ? new Float64Array(n) : Float64Array.from(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const node = new Int32Array(n); // the node each row is at (−1: not in this tree's sample)
  const next = seededRandom(options.seed);
  const features: number[] = [];
  const thresholds: number[] = [];
  const leaves: number[] = [];
  // Histograms of one level: [node][feature][bin] × (g, h).
  const histG = new Float64Array(2 ** (depth - 1) * d * BINS);
  const histH = new Float64Array(2 ** (depth - 1) * d * BINS);

  for (let tree = 0; tree < options.trees; tree++) {
    computeGradients(rows, groups, pred, grad, hess, options);
    node.fill(-1);
    for (const [start, end] of groups) {
      if (options.subsample < 1 && next() >= options.subsample) continue;
      for (let r = start; r < end; r++) node[r] = 0;
    }
    const treeFeatures = new Array<number>(nodes).fill(-1);
    const treeThresholds = new Array<number>(nodes).fill(0);
    const treeBins = new Int32Array(nodes);
    for (let level = 0; level < depth; level++) {
      const first = 2 ** level - 1;
      const width = 2 ** level;
      histG.fill(0, 0, width * d * BINS);
      histH.fill(0, 0, width * d * BINS);
      for (let r = 0; r < n; r++) {
        const k = (node[r] as number) - first;
        if (k < 0) continue;
        const g = grad[r] as number;
        const h = hess[r] as number;
        const base = k * d * BINS;
        for (let f = 0; f < d; f++) {
          const i = base + f * BINS + (bins[f * n + r] as number);
          histG[i] = (histG[i] as number) + g;
          histH[i] = (histH[i] as number) + h;
        }
      }
      for (let k = 0; k < width; k++) {
        const split = bestSplit(histG, histH, k * d * BINS, d, cuts, options);
        if (split === undefined) continue;
        treeFeatures[first + k] = split.feature;
        treeBins[first + k] = split.bin;
        treeThresholds[first + k] = (cuts[split.feature] as Float64Array)[split.bin] as number;
      }
      // Send rows down: left when bin ≤ split bin (x ≤ threshold).
      for (let r = 0; r < n; r++) {
        const at = node[r] as number;
        if (at < first) continue;
        const f = treeFeatures[at] as number;
        const left = f < 0 || (bins[f * n + r] as number) <= (treeBins[at] as number);
        node[r] = 2 * at + (left ? 1 : 2);
      }
    }
    // Leaf values: Newton step over the rows that reached each leaf.
    const leafG = new Float64Array(nodes + 1);
    const leafH = new Float64Array(nodes + 1);
    for (let r = 0; r < n; r++) {
      const at = node[r] as number;
      if (at < nodes) continue;
      leafG[at - nodes] = (leafG[at - nodes] as number) + (grad[r] as number);
      leafH[at - nodes] = (leafH[at - nodes] as number) + (hess[r] as number);
    }
    const values = Array.from(leafG, (g, i) =>
      round((-options.learningRate * g) / ((leafH[i] as number) + options.lambda)),
    );
    features.push(...treeFeatures);
    thresholds.push(...treeThresholds);
    leaves.push(...values);
    // Every row, sampled or not, gets the new tree's value.
    for (let r = 0; r < n; r++) {
      let k = 0;
      while (k < nodes) {
        const f = treeFeatures[k] as number;
        k =
          2 * k + (f < 0 || (rows.x[r * d + f] as number) <= (treeThresholds[k] as number) ? 1 : 2);
      }
      pred[r] = (pred[r] as number) + (values[k - nodes] as number);
    }
    options.onTree?.(tree);
  }
  return { depth, trees: options.trees, features, thresholds, leaves };
}

function computeGradients(
  rows: Rows,
  groups: ReadonlyArray<[number, number]>,
  pred: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  options: BoostOptions,
): void {
  if (options.objective === "regression") {
    // Squared error within each group: scores and labels both taken from their group's mean,
    // so no tree spends itself on what makes one article easier than another.
    for (const [start, end] of groups) {
      let p = 0;
      let y = 0;
      for (let r = start; r < end; r++) {
        p += pred[r] as number;
        y += rows.y[r] as number;
      }
      p /= end - start;
      y /= end - start;
      for (let r = start; r < end; r++) {
        grad[r] = (pred[r] as number) - p - ((rows.y[r] as number) - y);
        hess[r] = 1;
      }
    }
    return;
  }
  const t = options.temperature;
  for (const [start, end] of groups) {
    let zMax = Number.NEGATIVE_INFINITY;
    let yMax = Number.NEGATIVE_INFINITY;
    for (let r = start; r < end; r++) {
      zMax = Math.max(zMax, pred[r] as number);
      yMax = Math.max(yMax, rows.y[r] as number);
    }
    let zSum = 0;
    let qSum = 0;
    for (let r = start; r < end; r++) {
      zSum += Math.exp((pred[r] as number) - zMax);
      qSum += Math.exp(((rows.y[r] as number) - yMax) / t);
    }
    for (let r = start; r < end; r++) {
      const p = Math.exp((pred[r] as number) - zMax) / zSum;
      const q = Math.exp(((rows.y[r] as number) - yMax) / t) / qSum;
      grad[r] = p - q;
      hess[r] = Math.max(p * (1 - p), 1e-6);
    }
  }
}

/** The split of one node that lowers the loss most, if any does. */
function bestSplit(
  histG: Float64Array,
  histH: Float64Array,
  base: number,
  d: number,
  cuts: readonly Float64Array[],
  options: BoostOptions,
): { feature: number; bin: number } | undefined {
  const { lambda, minChildWeight } = options;
  let totalG = 0;
  let totalH = 0;
  for (let b = 0; b < BINS; b++) {
    totalG += histG[base + b] as number;
    totalH += histH[base + b] as number;
  }
  if (totalH < 2 * minChildWeight) return undefined;
  const parent = (totalG * totalG) / (totalH + lambda);
  let bestGain = 1e-12;
  let found: { feature: number; bin: number } | undefined;
  for (let f = 0; f < d; f++) {
    const cutCount = (cuts[f] as Float64Array).length;
    let gl = 0;
    let hl = 0;
    const off = base + f * BINS;
    for (let b = 0; b < cutCount; b++) {
      gl += histG[off + b] as number;
      hl += histH[off + b] as number;
      const hr = totalH - hl;
      if (hl < minChildWeight) continue;
      if (hr < minChildWeight) break;
      const gr = totalG - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
      if (gain > bestGain) {
        bestGain = gain;
        found = { feature: f, bin: b };
      }
    }
  }
  return found;
}
