import { describe, expect, it } from "vitest";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { ArticlesRepo } from "../../src/store/articles.ts";
import { openDatabase } from "../../src/store/database.ts";
import { OutboxRepo } from "../../src/store/outbox.ts";

const at = new Date("2026-12-01T10:00:00Z");
const day = { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-02T00:00:00Z") };

/**
 * A store with 23 readers (ids with gaps, as after erasures): most follow « politique », some
 * « sport », one stopped, one in daily mode, one already at the daily cap; and one article.
 */
function store(fanOutReaders?: number) {
  const db = openDatabase(":memory:");
  const outbox = new OutboxRepo(db, fanOutReaders ? { fanOutReaders } : {});
  const articles = new ArticlesRepo(db);
  articles.upsert(
    prepareArticle(
      {
        title: "Le gouvernement présente son budget",
        body: "Le ministre des Finances a présenté le budget de l'année devant l'Assemblée.",
        categories: ["Politique"],
        publishedAt: at,
        origin: "test",
      },
      { summaryMaxChars: 280 },
    ),
    at,
  );
  const articleId = db.prepare("SELECT id FROM articles").pluck().get() as number;
  const reader = db.prepare(
    `INSERT INTO subscribers (id, chat_id, opted_in_at, stopped_at, mode, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const follow = db.prepare(
    "INSERT INTO follows (subscriber_id, category_key, created_at) VALUES (?, ?, ?)",
  );
  const ids = [
    1, 2, 3, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 30, 31, 40, 41, 47,
  ];
  for (const id of ids) {
    const stopped = id === 12 ? at.getTime() : null;
    reader.run(id, `2237${id}@c.us`, at.getTime(), stopped, id === 19 ? "daily" : "instant", 0, 0);
    follow.run(id, id % 7 === 0 ? "sport" : "politique", at.getTime());
  }
  // Reader 30 already had three alerts today: at the cap.
  for (let n = 0; n < 3; n++) {
    outbox.enqueue({ kind: "alert", recipient: "223730@c.us", body: `Alerte ${n}` }, at);
  }
  const queue = () =>
    outbox.queueArticleAlerts({
      articleId,
      broadcastId: 1,
      bodies: { fr: "Alerte", en: "Alert" },
      notBefore: at,
      day,
      cap: 3,
      now: at,
    });
  const alerted = () =>
    db
      .prepare("SELECT recipient FROM outbox WHERE article_id = ? ORDER BY id")
      .pluck()
      .all(articleId);
  return { queue, alerted };
}

describe("an article's fan-out, a batch of readers at a time", () => {
  it("queues the same readers, once each, whatever the batch size", () => {
    const expected = [1, 2, 3, 5, 6, 11, 13, 15, 16, 17, 18, 20, 22, 31, 40, 41, 47].map(
      (id) => `2237${id}@c.us`,
    );
    for (const batch of [undefined, 1, 2, 5, 7, 46, 47, 100]) {
      const { queue, alerted } = store(batch);
      expect(queue()).toBe(expected.length);
      expect(alerted()).toEqual(expected);
      expect(queue()).toBe(0); // a second run queues nobody twice
    }
  });
});
