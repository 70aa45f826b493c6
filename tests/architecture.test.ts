import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The house's rules, read from the code's own imports (type-only ones included):
 * - rooms are layers, and imports point down only: an engine never imports what composes it;
 * - two rooms of the same floor do not import each other (sources and transport, planner and
 *   dispatcher): they meet through a port below them;
 * - `domain/` and `lib/` import nothing else of src (lib not even domain);
 * - only the composition root (app/, the entry files) imports a transport adapter: everyone
 *   else sends through the port, src/transport/transport.ts;
 * - no cycle anywhere.
 */
const SRC = path.resolve(import.meta.dirname, "../src");

/** Floors, bottom first. A file's room is its first folder under src/ (or its own name). */
const FLOORS: readonly (readonly string[])[] = [
  ["domain", "lib"],
  ["config", "log"],
  ["store"],
  ["sources", "transport"],
  ["ingest"],
  ["messages"],
  ["planner", "dispatcher"],
  ["bot"],
  ["http"],
  ["app"],
  ["main", "cli", "simulate"],
];
const ADAPTER_USERS = new Set(["app", "main", "cli", "simulate"]);

type Graph = Map<string, Set<string>>;

function roomOf(file: string): string {
  const first = file.split("/")[0] ?? file;
  return first.replace(/\.ts$/, "");
}

function floorOf(room: string): number {
  const floor = FLOORS.findIndex((rooms) => rooms.includes(room));
  if (floor < 0) throw new Error(`room « ${room} » has no floor: add it to FLOORS`);
  return floor;
}

function isAdapter(file: string): boolean {
  return file.startsWith("transport/") && file !== "transport/transport.ts";
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

/** src-relative file → the src-relative files it imports. */
function readGraph(): Graph {
  const files = (fs.readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const graph: Graph = new Map(files.map((f) => [f, new Set<string>()]));
  for (const file of files) {
    const text = fs.readFileSync(path.join(SRC, file), "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? "";
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (graph.has(target)) graph.get(file)?.add(target);
    }
  }
  return graph;
}

/** Every rule broken by `graph`, as readable lines. */
function violations(graph: Graph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const room = roomOf(from);
    for (const to of targets) {
      const target = roomOf(to);
      if (target === room) continue;
      if (room === "domain" || (room === "lib" && target !== "lib")) {
        found.push(`${from} → ${to}: ${room}/ imports nothing else of src`);
      } else if (floorOf(target) > floorOf(room)) {
        found.push(`${from} → ${to}: ${room} sits below ${target} and may not import it`);
      } else if (floorOf(target) === floorOf(room)) {
        found.push(`${from} → ${to}: ${room} and ${target} share a floor; meet through a port`);
      }
      if (isAdapter(to) && !isAdapter(from) && !ADAPTER_USERS.has(room)) {
        found.push(`${from} → ${to}: only the composition root imports a transport adapter`);
      }
    }
  }
  for (const cycle of cycles(graph)) found.push(`cycle: ${cycle.join(" → ")}`);
  return found;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("the house: rooms named for the data flow", () => {
  it("has every import pointing down, no cycle, and transports behind their port", () => {
    expect(violations(readGraph())).toEqual([]);
  });

  it("catches a domain file that imports the store", () => {
    const graph: Graph = new Map([
      ["domain/reader.ts", new Set(["store/subscribers.ts"])],
      ["store/subscribers.ts", new Set<string>()],
    ]);
    expect(violations(graph)).toEqual([
      "domain/reader.ts → store/subscribers.ts: domain/ imports nothing else of src",
    ]);
  });

  it("catches an engine importing what sits above it, and a transport adapter outside app/", () => {
    const graph: Graph = new Map([
      ["store/outbox.ts", new Set(["planner/planner.ts"])],
      ["planner/planner.ts", new Set<string>()],
      ["dispatcher/dispatcher.ts", new Set(["transport/whatsapp/whatsapp.ts"])],
      ["transport/whatsapp/whatsapp.ts", new Set<string>()],
    ]);
    expect(violations(graph)).toEqual([
      "store/outbox.ts → planner/planner.ts: store sits below planner and may not import it",
      "dispatcher/dispatcher.ts → transport/whatsapp/whatsapp.ts: only the composition root imports a transport adapter",
    ]);
  });

  it("catches a cycle, even of type-only imports inside one room", () => {
    const graph: Graph = new Map([
      ["sources/files/read-file.ts", new Set(["sources/files/json.ts"])],
      ["sources/files/json.ts", new Set(["sources/files/read-file.ts"])],
    ]);
    expect(violations(graph)).toEqual([
      "cycle: sources/files/json.ts → sources/files/read-file.ts",
    ]);
  });

  it("reads type-only and re-export imports too", () => {
    const graph = readGraph();
    // store/articles.ts re-exports a type of store/search.ts: an arrow all the same.
    expect(graph.get("store/articles.ts")?.has("store/search.ts")).toBe(true);
  });
});
