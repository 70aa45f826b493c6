/**
 * The two fits the summary model needs, on rows kept in one flat typed array: logistic regression
 * by Newton's method (IRLS) and least squares, both with a small ridge. Why not a library:
 * the word model sees ~1.5 million rows of 15 features; the npm ones (ml-logistic-regression,
 * ml-regression-multivariate-linear) take the rows as an ml-matrix of row arrays (several GB
 * here) and the logistic one runs thousands of fixed-step gradient iterations. Newton's method
 * converges in under ten passes over a Float32Array, and its result does not depend on a step
 * size or a random start, so the training is reproducible to the last digit.
 */

/** Solves A·x = b for a symmetric positive definite A (row-major d×d) by Cholesky. */
export function solveSymmetric(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (s <= 0) throw new Error("matrix not positive definite: add ridge");
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / (l[j * d + j] as number);
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = s / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = s / (l[i * d + i] as number);
  }
  return x;
}

/** Rows of `d` features each, with a label, grown as they come. */
export class Rows {
  x: Float32Array;
  y: Float32Array;
  /** A group id per row (the article), for per-article centring. */
  group: Int32Array;
  n = 0;
  constructor(readonly d: number) {
    this.x = new Float32Array(1024 * d);
    this.y = new Float32Array(1024);
    this.group = new Int32Array(1024);
  }
  push(x: ArrayLike<number>, y: number, group = 0): void {
    if (this.n === this.y.length) {
      const grow = <T extends Float32Array | Int32Array>(a: T, size: number): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      this.x = grow(this.x, this.x.length * 2);
      this.y = grow(this.y, this.y.length * 2);
      this.group = grow(this.group, this.group.length * 2);
    }
    for (let j = 0; j < this.d; j++) this.x[this.n * this.d + j] = x[j] as number;
    this.y[this.n] = y;
    this.group[this.n] = group;
    this.n++;
  }
}

/**
 * One ridge-regularised Newton step of both fitters: `h` holds the lower triangle of the
 * Hessian (mirrored here), `g` the gradient; returns the new weights and the step's L1 size.
 */
function newtonStep(
  h: Float64Array,
  g: Float64Array,
  w: Float64Array<ArrayBuffer>,
  d: number,
  ridge: number,
): { w: Float64Array<ArrayBuffer>; size: number } {
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) h[k * d + j] = h[j * d + k] as number;
    h[j * d + j] = (h[j * d + j] as number) + ridge;
    g[j] = (g[j] as number) + ridge * (w[j] as number);
  }
  const step = solveSymmetric(h, g, d);
  let size = 0;
  const next = w.map((wj, j) => {
    size += Math.abs(step[j] as number);
    return wj - (step[j] as number);
  });
  return { w: next, size };
}

/** Logistic regression (labels 0/1) by Newton's method with an L2 penalty `ridge` (bias included). */
export function fitLogistic(rows: Rows, ridge = 1, iterations = 12): Float64Array {
  const d = rows.d;
  let w = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const h = new Float64Array(d * d);
    const g = new Float64Array(d);
    let loss = 0;
    for (let r = 0; r < rows.n; r++) {
      const off = r * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (rows.x[off + j] as number);
      const p = 1 / (1 + Math.exp(-z));
      const y = rows.y[r] as number;
      loss -= y * Math.log(p + 1e-12) + (1 - y) * Math.log(1 - p + 1e-12);
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        const xj = rows.x[off + j] as number;
        g[j] = (g[j] as number) + (p - y) * xj;
        for (let k = 0; k <= j; k++)
          h[j * d + k] = (h[j * d + k] as number) + s * xj * (rows.x[off + k] as number);
      }
    }
    const next = newtonStep(h, g, w, d, ridge);
    w = next.w;
    const size = next.size;
    console.log(
      `  logistic pass ${it + 1}: log-loss ${(loss / rows.n).toFixed(5)}, step ${size.toExponential(2)}`,
    );
    if (size < 1e-7) break;
  }
  return w;
}

/**
 * Least squares within groups: each group's (article's) mean row and mean label are
 * subtracted first, so the fit ranks the candidates of one article rather than telling easy
 * articles from hard ones. No bias (it would cancel out).
 */
export function fitCentredLinear(rows: Rows, ridge = 1): Float64Array {
  const d = rows.d;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  let start = 0;
  const mean = new Float64Array(d);
  const xc = new Float64Array(d);
  while (start < rows.n) {
    let end = start;
    while (end < rows.n && rows.group[end] === rows.group[start]) end++;
    mean.fill(0);
    let my = 0;
    for (let r = start; r < end; r++) {
      for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (rows.x[r * d + j] as number);
      my += rows.y[r] as number;
    }
    const count = end - start;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / count;
    my /= count;
    for (let r = start; r < end; r++) {
      for (let j = 0; j < d; j++) xc[j] = (rows.x[r * d + j] as number) - (mean[j] as number);
      const yc = (rows.y[r] as number) - my;
      for (let j = 0; j < d; j++) {
        b[j] = (b[j] as number) + (xc[j] as number) * yc;
        for (let k = 0; k < d; k++)
          a[j * d + k] = (a[j * d + k] as number) + (xc[j] as number) * (xc[k] as number);
      }
    }
    start = end;
  }
  for (let j = 0; j < d; j++) a[j * d + j] = (a[j * d + j] as number) + ridge;
  return solveSymmetric(a, b, d);
}

/**
 * Listwise choice model (conditional logit): within each group (an article's candidates), the
 * model's softmax over w·x should put its weight where the target softmax of the labels
 * (temperature `temperature`) does, i.e. on the candidates that match the human summary best.
 * Fitted by Newton's method with an L2 penalty; no bias (it cancels within a group).
 */
export function fitListwise(
  rows: Rows,
  temperature: number,
  ridge = 1,
  iterations = 15,
): Float64Array {
  const d = rows.d;
  let w = new Float64Array(d);
  const groups: Array<[number, number]> = [];
  for (let start = 0; start < rows.n; ) {
    let end = start;
    while (end < rows.n && rows.group[end] === rows.group[start]) end++;
    groups.push([start, end]);
    start = end;
  }
  for (let it = 0; it < iterations; it++) {
    const h = new Float64Array(d * d);
    const g = new Float64Array(d);
    const mu = new Float64Array(d);
    let loss = 0;
    for (const [start, end] of groups) {
      let zMax = Number.NEGATIVE_INFINITY;
      let yMax = Number.NEGATIVE_INFINITY;
      const z = new Float64Array(end - start);
      for (let r = start; r < end; r++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (w[j] as number) * (rows.x[r * d + j] as number);
        z[r - start] = s;
        zMax = Math.max(zMax, s);
        yMax = Math.max(yMax, rows.y[r] as number);
      }
      let zSum = 0;
      let qSum = 0;
      for (let r = start; r < end; r++) {
        zSum += Math.exp((z[r - start] as number) - zMax);
        qSum += Math.exp(((rows.y[r] as number) - yMax) / temperature);
      }
      mu.fill(0);
      for (let r = start; r < end; r++) {
        const p = Math.exp((z[r - start] as number) - zMax) / zSum;
        const q = Math.exp(((rows.y[r] as number) - yMax) / temperature) / qSum;
        loss -= q * Math.log(p + 1e-12);
        for (let j = 0; j < d; j++) {
          const xj = rows.x[r * d + j] as number;
          g[j] = (g[j] as number) + (p - q) * xj;
          mu[j] = (mu[j] as number) + p * xj;
          for (let k = 0; k <= j; k++)
            h[j * d + k] = (h[j * d + k] as number) + p * xj * (rows.x[r * d + k] as number);
        }
      }
      for (let j = 0; j < d; j++)
        for (let k = 0; k <= j; k++)
          h[j * d + k] = (h[j * d + k] as number) - (mu[j] as number) * (mu[k] as number);
    }
    const next = newtonStep(h, g, w, d, ridge);
    w = next.w;
    const size = next.size;
    console.log(
      `  listwise pass ${it + 1}: cross-entropy ${(loss / groups.length).toFixed(5)}, step ${size.toExponential(2)}`,
    );
    if (size < 1e-7) break;
  }
  return w;
}
