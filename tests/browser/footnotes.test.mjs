// Footnote popovers as a reader meets them: mouse hover, keyboard (Tab, Enter,
// Escape), phone taps; the popover always inside the viewport.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browser, DESKTOP, inside, PHONE, popoverState, site } from "./lib/site.mjs";

const PAGE = "A/RES/61/183/index.html";
let b, s;

before(async () => {
  s = await site();
  b = await browser();
});
after(async () => {
  await b?.close();
});

/** The plain text of note `n` as the page's own list of notes gives it. */
async function noteText(page, n) {
  return page.evaluate((n) => document.querySelector(`.fn-mark[href="#fn${n}"]`).nextElementSibling.textContent, n);
}

for (const scheme of ["http", "file"]) {
  describe(`footnotes over ${scheme}`, () => {
    it("hovering a mark shows its text; moving away hides it", async () => {
      const page = await b.newPage(DESKTOP);
      await page.goto(s[scheme](PAGE));
      const mark = page.locator("a.fn-mark").first();
      await mark.hover();
      await page.waitForSelector(".fn-popover:not([hidden])");
      const state = await popoverState(page);
      const text = await noteText(page, 1);
      assert.ok(text.length > 5, "note 1 has text");
      assert.ok(state.text.includes(text), `popover ${JSON.stringify(state.text)} shows note 1`);
      assert.ok(inside(state), `popover inside the viewport: ${JSON.stringify(state)}`);
      assert.equal(await mark.getAttribute("aria-expanded"), "true");
      await page.mouse.move(5, 5);
      await page.waitForSelector(".fn-popover[hidden]", { state: "attached" });
      await page.close();
    });

    it("Tab reaches a mark, Enter opens the note, Escape closes it and focus returns", async () => {
      const page = await b.newPage(DESKTOP);
      await page.goto(s[scheme](PAGE));
      let focused = "";
      for (let i = 0; i < 400 && focused !== "fn-mark"; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.className || "");
      }
      assert.equal(focused, "fn-mark", "Tab reaches the first footnote mark");
      const id = await page.evaluate(() => document.activeElement.id);
      assert.equal(id, "fnref1");
      assert.ok((await popoverState(page)).shown, "keyboard focus shows the note");
      await page.keyboard.press("Enter");
      const state = await popoverState(page);
      assert.ok(state.shown && state.text.includes(await noteText(page, 1)));
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains("fn-popover")), "focus moves into the note");
      assert.equal(new URL(page.url()).hash, "", "Enter does not jump to the notes");
      await page.keyboard.press("Escape");
      assert.equal((await popoverState(page)).shown, false, "Escape closes the note");
      assert.equal(await page.evaluate(() => document.activeElement.id), "fnref1", "focus returns to the mark");
      await page.close();
    });

    it("on a phone a tap shows the note and a tap elsewhere closes it", async () => {
      const ctx = await b.newContext(PHONE);
      const page = await ctx.newPage();
      await page.goto(s[scheme](PAGE));
      const marks = page.locator("a.fn-mark");
      const count = await marks.count();
      assert.ok(count > 5, `${count} marks`);
      for (const i of [0, Math.floor(count / 2), count - 1]) {
        await marks.nth(i).scrollIntoViewIfNeeded();
        await marks.nth(i).tap();
        const state = await popoverState(page);
        const n = Number(await marks.nth(i).textContent());
        assert.ok(state.shown, `tap on mark ${n} shows it`);
        assert.ok(state.text.includes(await noteText(page, n)), `note ${n}`);
        assert.ok(inside(state), `note ${n} inside the phone viewport: ${JSON.stringify(state)}`);
        assert.equal(new URL(page.url()).hash, "", "a tap does not follow the link");
        await page.locator("h1.res-title").tap();
        assert.equal((await popoverState(page)).shown, false, "a tap elsewhere closes it");
      }
      await ctx.close();
    });
  });
}

it("every popover of the page stays inside a desktop and a narrow viewport", async () => {
  for (const options of [DESKTOP, { viewport: { width: 480, height: 700 } }]) {
    const page = await b.newPage(options);
    await page.goto(s.http(PAGE));
    const n = await page.locator("a.fn-mark").count();
    for (let i = 0; i < n; i++) {
      const mark = page.locator("a.fn-mark").nth(i);
      await mark.scrollIntoViewIfNeeded();
      await mark.hover();
      await page.waitForSelector(".fn-popover:not([hidden])");
      const state = await popoverState(page);
      assert.ok(inside(state), `mark ${i + 1} at ${options.viewport.width}px: ${JSON.stringify(state)}`);
      await page.mouse.move(1, 1);
      await page.waitForSelector(".fn-popover[hidden]", { state: "attached" });
    }
    await page.close();
  }
});
