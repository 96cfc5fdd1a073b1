// The site search in a real browser (Chromium through playwright-core), keyboard
// only: from any page, Tab to the search box in the header, type a phrase from a
// sub-paragraph, Enter; Arrow down to the result for A/RES/61/183 (g) of
// paragraph 33, Enter; the page opens on #op33g. Also: the filters narrow the
// results, and the search works opened from disk (file://).
//
// Environment: PLENARY_SITE, the built site's directory; PLENARY_BASE_URL, where
// it is served (default: its file:// URL). Run with `node --test`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const site = process.env.PLENARY_SITE;
const fileBase = site ? pathToFileURL(path.resolve(site)).href.replace(/\/?$/, "/") : null;
const base = (process.env.PLENARY_BASE_URL || fileBase || "").replace(/\/?$/, "/");
const PHRASE = "seek additional extrabudgetary resources for its publication";

let browser;
before(async () => {
  assert.ok(base !== "/", "set PLENARY_SITE (and PLENARY_BASE_URL if it is served)");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
});
after(async () => { if (browser) await browser.close(); });

async function newPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

async function tabTo(page, id, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((id) => document.activeElement && document.activeElement.id === id, id)) return;
  }
  assert.fail(`Tab never reached #${id}`);
}

async function searchFromHeader(page, start, query) {
  await page.goto(start);
  await tabTo(page, "site-search-q");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForURL(/search\/index\.html\?/);
  await page.waitForSelector("#search-results li a.sr-link");
}

for (const [name, root] of [["served", base], ["from disk", fileBase]]) {
  test(`keyboard only: a sub-paragraph phrase opens at its anchor (${name})`, { skip: !root }, async () => {
    const { page, errors } = await newPage();
    await searchFromHeader(page, root + "A/RES/80/1/index.html", `"${PHRASE}"`);
    assert.match(await page.textContent("#search-status"), /paragraphs? with the phrase/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-q", "focus stays in the box");
    let href = null;
    for (let i = 0; i < 10 && !(href || "").endsWith("61/183/index.html#op33g"); i++) {
      await page.keyboard.press("ArrowDown");
      href = await page.evaluate(() => document.activeElement.getAttribute("href"));
    }
    assert.equal(href, "../A/RES/61/183/index.html#op33g");
    const label = await page.evaluate(() => document.activeElement.textContent);
    assert.match(label, /Paragraph 33 \(g\)/);
    assert.match(label, /A\/RES\/61\/183/);
    const excerpt = await page.evaluate(() => document.activeElement.closest("li").querySelector(".sr-excerpt").textContent);
    assert.ok(excerpt.includes(PHRASE), excerpt);
    await page.keyboard.press("Enter");
    await page.waitForURL(/A\/RES\/61\/183\/index\.html#op33g$/);
    const target = await page.evaluate(() => {
      const t = document.querySelector(":target");
      if (!t) return null;
      const r = t.getBoundingClientRect();
      return { id: t.id, visible: r.top >= -1 && r.top < window.innerHeight };
    });
    assert.deepEqual(target, { id: "op33g", visible: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("arrow keys move through the results and Escape returns to the box", async () => {
  const { page, errors } = await newPage();
  await page.goto(base + "search/index.html?q=drug");
  await page.waitForSelector("#search-results li a.sr-link");
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => document.activeElement.getAttribute("href"));
  assert.ok(first && second && first !== second, `${first} / ${second}`);
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), first);
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  assert.deepEqual(errors, []);
  await page.close();
});

test("filters by session, body and year", async () => {
  const { page, errors } = await newPage();
  await page.goto(base + "search/index.html?q=drug+problem");
  await page.waitForSelector("#search-results li a.sr-link");
  const symbols = () => page.$$eval("#search-results .sr-symbol", (s) => [...new Set(s.map((e) => e.textContent))]);
  const all = await symbols();
  assert.ok(all.includes("A/RES/61/183") && all.includes("A/RES/57/174"), all.join(", "));
  await page.selectOption("#search-year", "2002");
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results .sr-symbol")].every((e) => e.textContent === "A/RES/57/174"));
  assert.deepEqual(await symbols(), ["A/RES/57/174"]);
  assert.match(page.url(), /year=2002/);
  await page.selectOption("#search-year", "");
  await page.selectOption("#search-session", "61");
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results .sr-symbol")].every((e) => e.textContent === "A/RES/61/183"));
  assert.deepEqual(await symbols(), ["A/RES/61/183"]);
  const bodies = await page.$$eval("#search-body option", (o) => o.map((e) => e.value));
  assert.deepEqual(bodies, ["", "General Assembly"]);
  assert.deepEqual(errors, []);
  await page.close();
});
