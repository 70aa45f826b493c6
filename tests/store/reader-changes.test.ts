import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { ReaderChangesRepo } from "../../src/store/reader-changes.ts";
import { SubscribersRepo } from "../../src/store/subscribers.ts";

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));
const A = "22370000001@c.us";
const B = "22370000002@c.us";

function store() {
  const db = openDatabase(":memory:");
  return { db, subscribers: new SubscribersRepo(db), changes: new ReaderChangesRepo(db) };
}

/** rubric → [subscribed, stopped] over everything counted. */
function totals(changes: ReaderChangesRepo): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const c of changes.since(new Date(0))) {
    const t = out[c.rubric] ?? [0, 0];
    out[c.rubric] = [t[0] + c.subscribed, t[1] + c.stopped];
  }
  return out;
}

describe("reader changes (readers over time)", () => {
  it("counts a subscribe, a stop and a new subscribe once each, at their hours", () => {
    const { subscribers, changes } = store();
    subscribers.touch(A, day(1), "fr");
    subscribers.subscribe(A, day(1));
    // « abonner » again while subscribed is not a new reader.
    subscribers.subscribe(A, day(2));
    subscribers.stop(A, day(3));
    subscribers.stop(A, day(4));
    subscribers.subscribe(A, day(5));
    expect(totals(changes)[""]).toEqual([2, 1]);
    expect(changes.countsBefore(day(3, 0)).get("")).toBe(1);
    expect(changes.countsBefore(day(4, 0)).get("")).toBe(0);
    expect(changes.countsBefore(day(6, 0)).get("")).toBe(1);
  });

  it("counts follows and unfollows per rubric, the unfollow at the reader's last message", () => {
    const { subscribers, changes } = store();
    subscribers.touch(A, day(1), "fr");
    subscribers.follow(A, "Politique", day(1));
    subscribers.follow(A, "Politique", day(1));
    subscribers.follow(A, "Sport", day(1));
    subscribers.touch(A, day(7, 15), "fr");
    subscribers.unfollow(A, "sport");
    expect(totals(changes)).toMatchObject({ politique: [1, 0], sport: [1, 1] });
    const stop = changes.since(new Date(0)).find((c) => c.rubric === "sport" && c.stopped === 1);
    expect(stop?.hour).toBe(day(7, 15).getTime() / 3_600_000);
  });

  it("counts an erasure as a stop of the service and of each rubric, and no reader id is kept", () => {
    const { db, subscribers, changes } = store();
    for (const chat of [A, B]) {
      subscribers.touch(chat, day(1), "fr");
      subscribers.subscribe(chat, day(1));
      subscribers.follow(chat, "Économie", day(1));
    }
    subscribers.touch(A, day(2), "fr");
    subscribers.erase(A, day(2));
    expect(totals(changes)).toEqual({ "": [2, 1], economie: [2, 1] });
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('reader_changes')")
      .pluck()
      .all();
    expect(columns).toEqual(["rubric", "hour", "subscribed", "stopped"]);
  });
});
