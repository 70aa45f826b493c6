import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";

/**
 * linkedom 0.18.15 made a WeakMap entry and a Map for every DOM node, for event listeners no
 * page parse uses, and a class list (a Set, its tokens split and joined) for every element with
 * a class: patches/linkedom+0.18.15.patch (applied by `npm install`'s postinstall,
 * patch-package) makes them when first asked for, halving the CPU of an HTML import.
 */
describe("linkedom, as patched", () => {
  it("is the patched version (postinstall ran)", () => {
    const require = createRequire(import.meta.url);
    const main = require.resolve("linkedom");
    const source = readFileSync(
      main.replace(/cjs\/index\.js$/, "esm/interface/event-target.js"),
      "utf8",
    );
    expect(source).toContain("constructor() {}");
    expect(source).toContain("wm.set(this, map = new Map)");
  });

  it("still delivers, once-only and removes event listeners", () => {
    const { document } = parseHTML("<html><body><div id='a'><p id='b'>x</p></div></body></html>");
    const a = document.getElementById("a");
    const b = document.getElementById("b");
    const seen: string[] = [];
    const onA = () => seen.push("a");
    a?.addEventListener("ping", onA);
    b?.addEventListener("ping", () => seen.push("b-once"), { once: true });
    b?.dispatchEvent(new document.defaultView.Event("ping", { bubbles: true }));
    b?.dispatchEvent(new document.defaultView.Event("ping", { bubbles: true }));
    a?.removeEventListener("ping", onA);
    b?.removeEventListener("ping", onA);
    b?.dispatchEvent(new document.defaultView.Event("ping", { bubbles: true }));
    expect(seen).toEqual(["b-once", "a", "a"]);
  });

  it("reads a class attribute as written, and still keeps the class list in step", () => {
    const { document } = parseHTML(
      "<html><body><p id='p' class=' lead  story\tlead '>x</p><p id='q'>y</p></body></html>",
    );
    const p = document.getElementById("p");
    // As a browser does; unpatched linkedom rewrote the attribute as "lead story" while parsing.
    expect(p?.getAttribute("class")).toBe(" lead  story\tlead ");
    expect(p?.className).toBe(" lead  story\tlead ");
    expect(p?.outerHTML).toBe('<p id="p" class=" lead  story\tlead ">x</p>');
    expect(document.querySelectorAll(".story").length).toBe(1);
    expect(p?.classList.contains("lead")).toBe(true);
    p?.classList.add("une");
    expect(p?.className).toBe("lead story une");
    expect(p?.getAttribute("class")).toBe("lead story une");
    const q = document.getElementById("q");
    expect(q?.className).toBe("");
    q?.setAttribute("class", "a b");
    expect(q?.classList.contains("b")).toBe(true);
    p?.removeAttribute("class");
    expect(p?.className).toBe("");
  });
});
