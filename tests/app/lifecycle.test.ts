import { describe, expect, it } from "vitest";
import { Lifecycle } from "../../src/app/lifecycle.ts";
import { silentLogger } from "../../src/log.ts";

describe("the lifecycle stack", () => {
  it("stops what was held in the shutdown order, whatever the order it started in", async () => {
    const held = new Lifecycle(silentLogger());
    const stopped: string[] = [];
    held.hold("verrou", () => stopped.push("verrou"));
    held.hold("base de données", () => stopped.push("base"));
    held.hold("navigateur", () => stopped.push("navigateur"));
    held.hold("envois", () => stopped.push("envois"));
    held.hold("tâches et flux", () => stopped.push("tâches"));
    await held.release();
    expect(stopped).toEqual(["envois", "tâches", "navigateur", "base", "verrou"]);
  });

  it("goes on past a stage that fails, and stops each thing once when called twice", async () => {
    const held = new Lifecycle(silentLogger());
    const stopped: string[] = [];
    held.hold("navigateur", () => {
      throw new Error("Chromium déjà fermé");
    });
    held.hold("base de données", () => stopped.push("base"));
    await Promise.all([held.release(), held.release()]);
    expect(stopped).toEqual(["base"]);
  });
});
