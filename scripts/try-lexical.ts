/**
 * Experiment: a sparse learned lexical term on top of the linear candidate score.
 *
 *   npx tsx scripts/try-lexical.ts [--train path] [--seed 14] [--holdout 1500] [--bits 16]
 *        [--cv 3] [--grid] [--lambda 0.3] [--rate 0.1] [--epochs 3] [--alpha 1]
 *
 * Builds every candidate of every training article once (the word model fitted exactly as
 * `train-summary.ts` does: same seed, split and sizes), then compares, on the 1,500 held-out
 * articles and with a k-fold cross-validation over the 19,901 fitting articles, the linear model
 * alone and the linear model plus the lexical residual (hashed words, word pairs, openings;
 * `src/ingest/summary/lexical.ts`) fitted by Adagrad on within-article centred least squares.
 * Deterministic: seeded shuffles, fixed hash.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  CANDIDATE_FEATURES,
  tokenize,
  WORD_FEATURES,
  wordFeatures,
} from "../src/ingest/summary/features.ts";
import { lexicalBuckets, lexicalScore } from "../src/ingest/summary/lexical.ts";
import {
  DEFAULT_MODEL_URL,
  encodeLexical,
  modelFromFile,
  type SummaryModelFile,
  withWeights,
} from "../src/ingest/summary/model.ts";
import { rouge } from "../src/ingest/summary/rouge.ts";
import { candidates } from "../src/ingest/summary/selection.ts";
import { seededRandom } from "../src/lib/random.ts";
import { type Article, Counts, readArticles, statsFor } from "./lib/corpus.ts";
import { fitCentredLinear, fitLogistic, Rows } from "./lib/fit.ts";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const { values } = parseArgs({
  options: {
    train: { type: "string", default: here("../../shared/datasets/orangesum/train.jsonl.gz") },
    seed: { type: "string", default: "14" },
    holdout: { type: "string", default: "1500" },
    limit: { type: "string", default: "0" },
    bits: { type: "string", default: "16" },
    cv: { type: "string", default: "3" },
    grid: { type: "boolean", default: false },
    lambda: { type: "string", default: "0.3" },
    rate: { type: "string", default: "0.1" },
    epochs: { type: "string", default: "3" },
    alpha: { type: "string", default: "1" },
    "lex-from": { type: "string", default: "0" },
    listwise: { type: "string" },
    kinds: { type: "string", default: "f,f2,pf,u,b,t,l" },
    out: { type: "string" },
    joint: { type: "boolean", default: false },
    lambdas: { type: "string", default: "0.03,0.3,3" },
    rates: { type: "string", default: "0.03,0.1,0.3" },
    alphas: { type: "string", default: "0.5,1" },
  },
});
const seed = Number(values.seed);
const list = (text: string): number[] => text.split(",").map(Number);
const holdoutSize = Number(values.holdout);
const bits = Number(values.bits);
const maxChars = 280;
const WORD_ARTICLES = 8000;
const CANDIDATE_ARTICLES = 6000;
const D = CANDIDATE_FEATURES.length;
const kinds = new Set(values.kinds.split(","));

/** Every candidate of every article, flat. */
class Data {
  x: number[] = [];
  r1: number[] = [];
  r2: number[] = [];
  rl: number[] = [];
  tier: number[] = [];
  partA: number[] = [];
  partB: number[] = [];
  sentences: Int32Array[] = [];
  /** Per article: first candidate, candidate count, the title's scores (no candidate). */
  start: number[] = [];
  count: number[] = [];
  fallback: Array<[number, number, number]> = [];
  get articles(): number {
    return this.start.length;
  }
  y(c: number): number {
    return ((this.r1[c] as number) + (this.r2[c] as number) + (this.rl[c] as number)) / 3;
  }
}

function build(data: Data, article: Article, model: ReturnType<typeof withWeights>): void {
  const found = candidates(article.title, article.paragraphs, maxChars, model).candidates;
  const titleSet = new Set(tokenize(article.title).words);
  const ids = new Map<number, number>();
  const sentenceId = (s: { index: number; tokens: Parameters<typeof lexicalBuckets>[0] }) => {
    let id = ids.get(s.index);
    if (id === undefined) {
      id = data.sentences.length;
      data.sentences.push(lexicalBuckets(s.tokens, s.index, titleSet, bits, kinds));
      ids.set(s.index, id);
    }
    return id;
  };
  data.start.push(data.r1.length);
  data.count.push(found.length);
  const t = rouge(article.title, article.abstract);
  data.fallback.push([t.r1, t.r2, t.rl]);
  for (const c of found) {
    for (let j = 0; j < D; j++) data.x.push(c.x[j] as number);
    const s = rouge(c.text, article.abstract);
    data.r1.push(s.r1);
    data.r2.push(s.r2);
    data.rl.push(s.rl);
    data.tier.push(c.tier);
    data.partA.push(sentenceId(c.parts[0] as never));
    data.partB.push(c.parts.length > 1 ? sentenceId(c.parts[1] as never) : -1);
  }
}

const denseScore = (data: Data, w: Float64Array, c: number): number => {
  let s = 0;
  for (let j = 0; j < D; j++) s += (w[j] as number) * (data.x[c * D + j] as number);
  return s;
};

function lexOf(data: Data, v: Float32Array, c: number, memo: Map<number, number>): number {
  const one = (id: number): number => {
    let s = memo.get(id);
    if (s === undefined) {
      s = lexicalScore(data.sentences[id] as Int32Array, v);
      memo.set(id, s);
    }
    return s;
  };
  const b = data.partB[c] as number;
  return one(data.partA[c] as number) + (b >= 0 ? one(b) : 0);
}

interface Score {
  r1: number;
  r2: number;
  rl: number;
  mean: number;
  n: number;
}
const show = (s: Score): string =>
  `R1 ${s.r1.toFixed(3)} R2 ${s.r2.toFixed(3)} RL ${s.rl.toFixed(3)} mean ${s.mean.toFixed(3)} (${s.n})`;

function evaluate(
  data: Data,
  articles: readonly number[],
  w: Float64Array,
  v?: Float32Array,
  alpha = 1,
): Score {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (const a of articles) {
    const start = data.start[a] as number;
    const end = start + (data.count[a] as number);
    const memo = new Map<number, number>();
    let top = -1;
    let topScore = Number.NEGATIVE_INFINITY;
    for (let c = start; c < end; c++) {
      let s = denseScore(data, w, c) - (data.tier[c] as number) * 1000;
      if (v !== undefined) s += alpha * lexOf(data, v, c, memo);
      if (s > topScore) {
        topScore = s;
        top = c;
      }
    }
    if (top < 0) {
      const f = data.fallback[a] as [number, number, number];
      r1 += f[0];
      r2 += f[1];
      rl += f[2];
    } else {
      r1 += data.r1[top] as number;
      r2 += data.r2[top] as number;
      rl += data.rl[top] as number;
    }
  }
  const n = articles.length;
  return { r1: r1 / n, r2: r2 / n, rl: rl / n, mean: (r1 + r2 + rl) / 3 / n, n };
}

function fitLinear(data: Data, articles: readonly number[]): Float64Array {
  const rows = new Rows(D);
  for (const a of articles) {
    const start = data.start[a] as number;
    for (let c = start; c < start + (data.count[a] as number); c++) {
      if (data.tier[c] !== 0) continue;
      rows.push(data.x.slice(c * D, c * D + D), data.y(c), a + 1);
    }
  }
  return fitCentredLinear(rows, 1);
}

interface LexicalOptions {
  lambda: number;
  rate: number;
  epochs: number;
  /** Listwise loss at this label temperature instead of centred least squares. */
  listwise?: number | undefined;
  /** Called after each epoch with the weights so far. */
  after?: (epoch: number, v: Float32Array) => void;
}

/**
 * The lexical weights, fitted on the residual of the linear score within each article
 * (centred least squares: the term only reorders an article's candidates) by Adagrad with an
 * L2 penalty, articles in a seeded order.
 */
function fitLexical(
  data: Data,
  articles: readonly number[],
  w: Float64Array,
  o: LexicalOptions,
): Float32Array {
  const size = 1 << bits;
  const v = new Float32Array(size);
  const g2 = new Float64Array(size);
  const grad = new Float64Array(size);
  const touched = new Int32Array(size);
  const marked = new Uint8Array(size);
  const next = seededRandom(seed);
  const order = [...articles];
  // Per sentence of an article: its score and the sum of its candidates' errors.
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const a of order) {
      const start = data.start[a] as number;
      const end = start + (data.count[a] as number);
      const cs: number[] = [];
      for (let c = start; c < end; c++) if (data.tier[c] === 0) cs.push(c);
      if (cs.length < 2) continue;
      const memo = new Map<number, number>();
      const s = cs.map((c) => lexOf(data, v, c, memo));
      const t = cs.map((c) => data.y(c) - denseScore(data, w, c));
      const sm = s.reduce((p, q) => p + q, 0) / s.length;
      const tm = t.reduce((p, q) => p + q, 0) / t.length;
      const perSentence = new Map<number, number>();
      // Listwise: the softmax of the score should match the softmax of the labels.
      let errors: number[];
      if (o.listwise !== undefined) {
        const z = cs.map((c, k) => denseScore(data, w, c) + (s[k] as number));
        const y = cs.map((c) => data.y(c) / (o.listwise as number));
        const soft = (xs: number[]): number[] => {
          const m = Math.max(...xs);
          const e = xs.map((x) => Math.exp(x - m));
          const total = e.reduce((p, q) => p + q, 0);
          return e.map((x) => x / total);
        };
        const pz = soft(z);
        const qy = soft(y);
        errors = pz.map((p, k) => p - (qy[k] as number));
      } else {
        errors = cs.map((_, k) => ((s[k] as number) - sm - ((t[k] as number) - tm)) / cs.length);
      }
      cs.forEach((c, k) => {
        const e = errors[k] as number;
        for (const id of [data.partA[c] as number, data.partB[c] as number]) {
          if (id >= 0) perSentence.set(id, (perSentence.get(id) ?? 0) + e);
        }
      });
      let nTouched = 0;
      for (const [id, e] of perSentence) {
        const buckets = data.sentences[id] as Int32Array;
        if (buckets.length === 0) continue;
        const val = e / Math.sqrt(buckets.length);
        for (let k = 0; k < buckets.length; k++) {
          const b = buckets[k] as number;
          if (marked[b] === 0) {
            marked[b] = 1;
            touched[nTouched++] = b;
          }
          grad[b] = (grad[b] as number) + val;
        }
      }
      for (let k = 0; k < nTouched; k++) {
        const b = touched[k] as number;
        const g = (grad[b] as number) + o.lambda * (v[b] as number);
        g2[b] = (g2[b] as number) + g * g;
        v[b] = (v[b] as number) - (o.rate * g) / Math.sqrt((g2[b] as number) + 1e-8);
        grad[b] = 0;
        marked[b] = 0;
      }
    }
    o.after?.(epoch, v);
  }
  return v;
}

async function main(): Promise<void> {
  if (!existsSync(values.train)) {
    console.error(`${values.train}: introuvable`);
    process.exit(2);
  }
  const started = Date.now();
  const all = await readArticles(values.train);
  const next = seededRandom(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j] as Article, all[i] as Article];
  }
  const limit = Number(values.limit);
  const holdout = all.slice(0, holdoutSize);
  const fitting = all.slice(holdoutSize, limit > 0 ? holdoutSize + limit : all.length);
  const counts = new Counts();
  for (const article of all.slice(holdoutSize)) counts.add(article);
  const rate = counts.rate();
  let referenceWords = 0;
  for (const article of all.slice(holdoutSize))
    for (const c of article.reference.values()) referenceWords += c;
  referenceWords /= all.length - holdoutSize;
  const wordRows = new Rows(WORD_FEATURES.length);
  for (const article of all.slice(holdoutSize, holdoutSize + WORD_ARTICLES)) {
    const stats = statsFor(counts, rate, article);
    const features = wordFeatures(tokenize(article.title).words, article.tokens, stats);
    for (const [word, { x }] of features) wordRows.push(x, article.reference.has(word) ? 1 : 0);
  }
  const wordWeights = fitLogistic(wordRows, 1);
  const firstGuess = new Float64Array(D);
  firstGuess[0] = 1;
  const data = new Data();
  // Articles 0..holdout-1 of `data` are the held-out ones, then the fitting ones in order.
  const heldModel = withWeights(statsFor(counts, rate), referenceWords, wordWeights, firstGuess);
  for (const article of holdout) build(data, article, heldModel);
  for (const article of fitting) {
    const model = withWeights(
      statsFor(counts, rate, article),
      referenceWords,
      wordWeights,
      firstGuess,
    );
    build(data, article, model);
  }
  const buckets = data.sentences.reduce((p, s) => p + s.length, 0);
  console.log(
    `${data.articles} articles, ${data.r1.length} candidates, ${data.sentences.length} sentences (${(buckets / data.sentences.length).toFixed(1)} buckets each), built in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  const range = (from: number, to: number): number[] =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const held = range(0, holdout.length);
  const fit0 = holdout.length;
  const fitEnd = data.articles;
  const options = {
    lambda: Number(values.lambda),
    rate: Number(values.rate),
    epochs: Number(values.epochs),
    listwise: values.listwise === undefined ? undefined : Number(values.listwise),
  };
  const alpha = Number(values.alpha);

  // The shipped linear model: fitted on fitting articles 8,000..14,000.
  const shippedLinear = fitLinear(
    data,
    range(fit0 + WORD_ARTICLES, Math.min(fitEnd, fit0 + WORD_ARTICLES + CANDIDATE_ARTICLES)),
  );
  console.log(`held-out, linear (as shipped)        ${show(evaluate(data, held, shippedLinear))}`);

  if (values.grid) {
    // Tuning without the held-out articles: lexical fitted on fitting 8,000..16,000, scored
    // on fitting 16,000..19,901.
    const tuneTrain = range(fit0 + WORD_ARTICLES, Math.min(fitEnd, fit0 + 16000));
    const tune = range(Math.min(fitEnd, fit0 + 16000), fitEnd);
    console.log(
      `tune, linear                          ${show(evaluate(data, tune, shippedLinear))}`,
    );
    for (const lambda of list(values.lambdas)) {
      for (const r of list(values.rates)) {
        fitLexical(data, tuneTrain, shippedLinear, {
          lambda,
          rate: r,
          epochs: Number(values.epochs),
          listwise: options.listwise,
          after: (epoch, v) => {
            for (const a of list(values.alphas)) {
              console.log(
                `tune, λ ${lambda} η ${r} epoch ${epoch} α ${a}: ${show(evaluate(data, tune, shippedLinear, v, a))}`,
              );
            }
          },
        });
      }
    }
    return;
  }

  // Held-out: lexical fitted on the fitting articles from `lex-from` on.
  const lexFrom = Number(values["lex-from"]);
  const v = fitLexical(data, range(fit0 + lexFrom, fitEnd), shippedLinear, options);
  console.log(
    `held-out, linear + lexical           ${show(evaluate(data, held, shippedLinear, v, alpha))}`,
  );
  let nonzero = 0;
  for (const x of v) if (x !== 0) nonzero++;
  console.log(`lexical table: ${v.length} buckets, ${nonzero} non-zero`);
  if (values.out !== undefined) {
    // The shipped artefact's corpus tables (the same counts: same data, seed and split) with
    // this run's weights: one file with the linear score alone, one with the lexical term too.
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_URL, "utf8")) as SummaryModelFile;
    const round = (x: number): number => Number(x.toPrecision(6));
    file.wordWeights = [...wordWeights].map(round);
    file.candidateWeights = [...shippedLinear].map(round);
    file.trainedOn = {
      ...file.trainedOn,
      experiment: "scripts/try-lexical.ts",
      heldOutScore: null,
    };
    writeFileSync(
      values.out.replace(/\.json$/u, ".linear.json"),
      `${JSON.stringify(file, null, 1)}\n`,
    );
    file.lexical = encodeLexical({ bits, weights: v.map((x) => x * alpha) });
    modelFromFile(file);
    writeFileSync(values.out, `${JSON.stringify(file, null, 1)}\n`);
    console.log(`${values.out} written`);
  }

  if (values.joint) {
    // The term as a 15th candidate feature, its weight fitted with the others: out-of-fold
    // lexical scores (two halves of the fitting articles, each scored by the other's table),
    // then least squares within articles on fitting articles 8,000..14,000, as shipped.
    const fittingIds = range(fit0, fitEnd);
    const halves = [0, 1].map((h) => fittingIds.filter((_, i) => i % 2 === h));
    const tables = halves.map((half) => fitLexical(data, half, shippedLinear, options));
    const oof = new Float64Array(data.r1.length);
    halves.forEach((half, h) => {
      const table = tables[1 - h] as Float32Array;
      for (const a of half) {
        const memo = new Map<number, number>();
        const start = data.start[a] as number;
        for (let c = start; c < start + (data.count[a] as number); c++)
          oof[c] = lexOf(data, table, c, memo);
      }
    });
    const rows = new Rows(D + 1);
    for (const a of range(
      fit0 + WORD_ARTICLES,
      Math.min(fitEnd, fit0 + WORD_ARTICLES + CANDIDATE_ARTICLES),
    )) {
      const start = data.start[a] as number;
      for (let c = start; c < start + (data.count[a] as number); c++) {
        if (data.tier[c] !== 0) continue;
        rows.push([...data.x.slice(c * D, c * D + D), oof[c] as number], data.y(c), a + 1);
      }
    }
    const w = fitCentredLinear(rows, 1);
    const dense = w.slice(0, D);
    console.log(`joint: lexical weight ${(w[D] as number).toFixed(3)}`);
    console.log(
      `held-out, joint linear + lexical     ${show(evaluate(data, held, dense, v, w[D] as number))}`,
    );
  }

  // k-fold cross-validation over the fitting articles: both arms fitted on the other folds.
  const k = Number(values.cv);
  if (k > 1) {
    const fittingIds = range(fit0, fitEnd);
    const arms = { linear: [] as Score[], lexical: [] as Score[] };
    for (let f = 0; f < k; f++) {
      const test = fittingIds.filter((_, i) => i % k === f);
      const train = fittingIds.filter((_, i) => i % k !== f);
      const w = fitLinear(data, train);
      const lv = fitLexical(data, train, w, options);
      const a = evaluate(data, test, w);
      const b = evaluate(data, test, w, lv, alpha);
      arms.linear.push(a);
      arms.lexical.push(b);
      console.log(`fold ${f + 1}: linear ${show(a)} | + lexical ${show(b)}`);
    }
    const mean = (xs: Score[]): Score => {
      const n = xs.reduce((p, s) => p + s.n, 0);
      const sum = (key: "r1" | "r2" | "rl" | "mean") =>
        xs.reduce((p, s) => p + s[key] * s.n, 0) / n;
      return { r1: sum("r1"), r2: sum("r2"), rl: sum("rl"), mean: sum("mean"), n };
    };
    console.log(`cv ${k}-fold, linear                 ${show(mean(arms.linear))}`);
    console.log(`cv ${k}-fold, linear + lexical       ${show(mean(arms.lexical))}`);
  }
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await main();
