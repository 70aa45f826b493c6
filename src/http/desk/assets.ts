import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DeskRouter } from "./env.ts";

/** The desk's own files: style and the small scripts of progressive enhancement. */
export const ASSETS_DIR = path.join(import.meta.dirname, "assets");

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Kept libraries served as assets, straight from their npm package (pinned in package.json):
 * no copy to keep in step. uPlot draws the Audience page's charts (~50 kB, no dependency).
 */
const VENDORED: Record<string, string> = {
  "uplot.js": "uplot/dist/uPlot.iife.min.js",
  "uplot.css": "uplot/dist/uPlot.min.css",
};

/**
 * GET /desk/assets/<name>: the files of src/http/desk/assets, read once at start (a handful of
 * small files), with a short cache. No directory walking: only names listed at start exist.
 */
export function registerAssets(desk: DeskRouter, dir = ASSETS_DIR): void {
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { body: fs.readFileSync(path.join(dir, name)), type });
  }
  const require = createRequire(import.meta.url);
  for (const [name, file] of Object.entries(VENDORED)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { body: fs.readFileSync(require.resolve(file)), type });
  }
  desk.get("/assets/:name", (c) => {
    const file = files.get(c.req.param("name"));
    if (!file) return c.notFound();
    return c.body(file.body.slice(), 200, {
      "content-type": file.type,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    });
  });
}
