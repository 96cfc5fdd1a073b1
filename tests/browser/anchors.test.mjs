// Links that land on a paragraph: the id or the Akoma Ntoso eId scrolls to it and
// highlights it; the ¶ permalink copies the paragraph's URL.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browser, DESKTOP, site } from "./lib/site.mjs";

const PAGE = "A/RES/61/183/index.html";
const HIGHLIGHT = "rgb(255, 244, 194)"; // --highlight in plenary.css
// No flash animation: the highlight is read at once.
const STILL = { ...DESKTOP, reducedMotion: "reduce" };
let b, s;

before(async () => {
  s = await site();
  b = await browser();
});
after(async () => {
  await b?.close();
});

/** Where #op33g is, whether it is highlighted, and which paragraphs are. */
async function landing(page) {
  return page.evaluate(() => {
    const el = document.getElementById("op33g");
    const r = el.getBoundingClientRect();
    return {
      top: r.top,
      vh: window.innerHeight,
      scrollY: window.scrollY,
      background: getComputedStyle(el.querySelector(":scope > p")).backgroundColor,
      targets: [...document.querySelectorAll(".is-target")].map((e) => e.id),
    };
  });
}

function assertLanded(state, how) {
  assert.ok(state.scrollY > 500, `${how}: the page scrolled (${state.scrollY})`);
  assert.ok(state.top >= -1 && state.top < state.vh / 2, `${how}: op33g at the top of the viewport (${state.top})`);
  assert.equal(state.background, HIGHLIGHT, `${how}: op33g highlighted`);
  assert.deepEqual(state.targets, ["op33g"], `${how}: only op33g marked`);
}

describe("fragments", () => {
  for (const [name, fragment] of [["id", "op33g"], ["AKN eId", "para_33__list_1__point_g"]]) {
    it(`http …#${fragment} (${name}) scrolls to op33g and highlights it`, async () => {
      const page = await b.newPage(STILL);
      await page.goto(s.http(`${PAGE}#${fragment}`));
      assertLanded(await landing(page), name);
      await page.close();
    });

    it(`file:// with #${fragment} (${name}) lands on op33g too`, async () => {
      const page = await b.newPage(STILL);
      // Headless Chromium paints file://…#fragment loads blank: load, then set the hash.
      await page.goto(s.file(PAGE));
      await page.evaluate((f) => (location.hash = f), fragment);
      await page.waitForFunction(() => document.querySelector(".is-target"));
      assertLanded(await landing(page), name);
      await page.close();
    });
  }
});

describe("permalinks", () => {
  it("the ¶ of a paragraph copies its URL and marks it", async () => {
    const ctx = await b.newContext(DESKTOP);
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.base.replace(/\/$/, "") });
    const page = await ctx.newPage();
    await page.goto(s.http(PAGE));
    for (const id of ["op7", "op33g", "pp3"]) {
      const link = page.locator(`[id="${id}"] > p > a.permalink`);
      await link.scrollIntoViewIfNeeded();
      await page.locator(`[id="${id}"] > p`).hover();
      await link.click();
      const expected = s.http(`${PAGE}#${id}`);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, `clipboard for ${id}`);
      assert.equal(page.url(), expected, "the address bar shows it too");
      await page.waitForFunction((e) => document.querySelector(".copy-status").textContent.includes(e), expected);
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll(".is-target")].map((e) => e.id)), [id]);
    }
    await ctx.close();
  });
});
