// Without JavaScript the pages still work: footnote marks jump to the notes, the
// notes link back to their marks, popover copies stay hidden, the index is listed.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browser, PAGE_TYPES, site } from "./lib/site.mjs";

const PAGE = "A/RES/61/183/index.html";
let b, s;

before(async () => {
  s = await site();
  b = await browser();
});
after(async () => {
  await b?.close();
});

function inView(page, id) {
  return page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -1 && r.bottom <= window.innerHeight + 1;
  }, id);
}

for (const scheme of ["http", "file"]) {
  describe(`no JavaScript, over ${scheme}`, () => {
    it("a footnote mark jumps to its note and the note links back", async () => {
      const ctx = await b.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 700 } });
      const page = await ctx.newPage();
      await page.goto(s[scheme](PAGE));
      assert.equal(await page.locator(".fn-pop").first().isVisible(), false, "popover copies are hidden");
      assert.equal(await page.locator(".fn-popover").count(), 0, "no script ran");
      for (const n of [1, 3]) {
        await page.locator(`a.fn-mark[href="#fn${n}"]`).first().click();
        assert.equal(new URL(page.url()).hash, `#fn${n}`);
        assert.ok(await inView(page, `fn${n}`), `note ${n} in view`);
        const back = page.locator(`li[id="fn${n}"] a.fn-back`).first();
        const target = (await back.getAttribute("href")).slice(1);
        await back.click();
        assert.equal(new URL(page.url()).hash, `#${target}`);
        assert.ok(await inView(page, target), `mark ${target} in view again`);
      }
      await ctx.close();
    });

    it("every page type renders its content", async () => {
      const ctx = await b.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      for (const [type, path] of Object.entries(PAGE_TYPES)) {
        await page.goto(s[scheme](path));
        const text = await page.locator("main").innerText();
        assert.ok(text.length > 20, `${type}: main has content`);
      }
      await page.goto(s[scheme]("resolutions/index.html"));
      assert.equal(await page.locator("table.res-table tbody tr").count(), 20, "the index lists every resolution");
      await ctx.close();
    });
  });
}
