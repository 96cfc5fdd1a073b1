// Screenshots of each page type at desktop and phone widths (and a resolution with
// a note open), kept in tests/artifacts/ for a person to look at.

import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { ARTIFACTS, browser, DESKTOP, PAGE_TYPES, PHONE, site } from "./lib/site.mjs";

let b, s;

before(async () => {
  s = await site();
  b = await browser();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await b?.close();
});

function saved(path) {
  const size = statSync(path).size;
  // A blank page compresses to a few hundred bytes; a page with text does not.
  assert.ok(size > 8000, `${path}: ${size} bytes, blank?`);
}

for (const [width, options] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  it(`every page type at ${width} width, over http and from disk`, async () => {
    const ctx = await b.newContext({ ...options, reducedMotion: "reduce" });
    const page = await ctx.newPage();
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      for (const scheme of ["http", "file"]) {
        await page.goto(s[scheme](path));
        const file = join(ARTIFACTS, `${type}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: type !== "resolution" });
        saved(file);
      }
    }
    await page.goto(s.http(PAGE_TYPES.resolution));
    const mark = page.locator("a.fn-mark").nth(1);
    await mark.scrollIntoViewIfNeeded();
    if (width === "phone") await mark.tap();
    else await mark.hover();
    await page.waitForSelector(".fn-popover:not([hidden])");
    const file = join(ARTIFACTS, `resolution-note-open-${width}.png`);
    await page.screenshot({ path: file });
    saved(file);
    await page.goto(s.http(`${PAGE_TYPES.resolution}#op33g`));
    await page.screenshot({ path: join(ARTIFACTS, `resolution-op33g-${width}.png`) });
    saved(join(ARTIFACTS, `resolution-op33g-${width}.png`));
    await ctx.close();
  });
}
