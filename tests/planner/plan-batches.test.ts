import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ingest } from "../../src/ingest/ingest.ts";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { silentLogger } from "../../src/log.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("The planner with a huge import", () => {
  it("marks old articles a bounded batch at a time, yielding between batches", async () => {
    const { app, clock } = await harness();
    const old = new Date("2025-01-15T10:00:00Z");
    app.articles.transaction(() => {
      for (let i = 0; i < 1_050; i++) {
        const prepared = prepareArticle(
          {
            title: `Archives de Kayes, dépêche ${i + 1}`,
            body: `Le préfet de Kayes a reçu les chefs de village, réunion numéro ${i + 1}.`,
            publishedAt: old,
            origin: "archives.json",
          },
          { summaryMaxChars: 280 },
        );
        app.articles.upsert(prepared, clock.now());
      }
    });
    const first = app.delivery.planner.planDue({ limit: 100 });
    expect(first.skippedOld).toHaveLength(100);
    expect(first.more).toBe(true);

    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const total = await app.delivery.planner.planAllDue();
    clearInterval(ticker);
    expect(total.skippedOld).toBe(950);
    expect(turns).toBeGreaterThan(0);
    const left = app.db
      .prepare("SELECT count(*) FROM articles WHERE announced_at IS NULL")
      .pluck()
      .get();
    expect(left).toBe(0);
    expect(app.delivery.planner.planDue().more).toBe(false);
  });

  it("stops between batches when asked (a shutdown during a huge import)", async () => {
    const { app, clock } = await harness();
    app.articles.transaction(() => {
      for (let i = 0; i < 500; i++) {
        const prepared = prepareArticle(
          {
            title: `Archives de Mopti, dépêche ${i + 1}`,
            body: `La crue du fleuve à Mopti, relevé numéro ${i + 1}.`,
            publishedAt: new Date("2025-01-15T10:00:00Z"),
            origin: "archives.json",
          },
          { summaryMaxChars: 280 },
        );
        app.articles.upsert(prepared, clock.now());
      }
    });
    const total = await app.delivery.planner.planAllDue(() => true);
    expect(total.skippedOld).toBe(200);
  });

  it("never announces an undated imported file, but an editor can still publish it", async () => {
    const { app, clock } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["société"] }], clock.now());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-undated-"));
    fs.writeFileSync(
      path.join(dir, "kayes.md"),
      "---\ntitle: Kayes inaugure son marché\ncategory: Société\n---\nLe nouveau marché de Kayes ouvre ses portes lundi. Les commerçants s'installent.\n",
    );
    const ingest = new Ingest({
      articles: app.articles,
      clock,
      log: silentLogger(),
      summaryMaxChars: 280,
    });
    const report = await ingest.importPaths([dir]);
    fs.rmSync(dir, { recursive: true, force: true });
    const id = report.changedIds[0] as number;
    expect(app.delivery.planner.planDue().started).toEqual([]);
    expect(app.db.prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(0);
    const receipt = app.delivery.desk.publish(id, "+22370000099");
    expect(receipt.channel).toBe(true);
    expect(receipt.recipients).toBe(1);
  });
});
