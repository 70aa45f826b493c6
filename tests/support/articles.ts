import { Ingest } from "../../src/ingest/ingest.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { ArticlesRepo } from "../../src/store/articles.ts";
import { openDatabase } from "../../src/store/database.ts";

/** The seed article the project was created from, shipped in data/articles. */
export const SEED = new URL("../../data/articles/aes-russie-moscou.txt", import.meta.url).pathname;
export const FIXTURES = new URL("../fixtures/articles/", import.meta.url).pathname;

/** A fresh in-memory store with the real migrations, an ingest over it, and a manual clock. */
export function articleStore(now = "2025-04-03T08:00:00Z") {
  const db = openDatabase(":memory:");
  const clock = new ManualClock(now);
  const articles = new ArticlesRepo(db);
  const ingest = new Ingest({ articles, clock, log: silentLogger(), summaryMaxChars: 280 });
  return { db, clock, articles, ingest };
}
