// Standards: every page passes the W3C Nu HTML checker (vnu-jar) with no error, and
// axe-core finds no WCAG 2.1 A/AA violation on any page type, with the footnote
// popover closed and open, at desktop and phone widths.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { browser, DESKTOP, HERE, PAGE_TYPES, PHONE, site } from "./lib/site.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const VNU = join(HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
let b, s;

before(async () => {
  s = await site();
  b = await browser();
});
after(async () => {
  await b?.close();
});

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

describe("W3C Nu HTML checker", () => {
  it("every page has zero errors", { timeout: 600_000 }, async () => {
    const files = htmlFiles(s.dir);
    assert.ok(files.length >= 26, `${files.length} pages`);
    let out;
    try {
      out = await promisify(execFile)("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], {
        maxBuffer: 64 << 20,
      });
    } catch (e) {
      // vnu exits 1 when it reports errors; its JSON is on stderr either way.
      if (!e.stderr) throw new Error(`vnu did not run (java and ${VNU} needed): ${e.message}`);
      out = e;
    }
    const messages = JSON.parse(out.stderr).messages.filter((m) => m.type === "error" || m.subType === "fatal");
    const lines = messages.map((m) => `${relative(s.dir, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
    console.log(`vnu: ${files.length} pages, ${messages.length} errors`);
    assert.deepEqual(lines, [], "vnu errors");
  });
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, TAGS);
}

describe("axe-core, WCAG 2.1 AA", () => {
  for (const [width, options] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      it(`${type} at ${width} width`, async () => {
        const ctx = await b.newContext(options);
        const page = await ctx.newPage();
        await page.goto(s.http(path));
        assert.deepEqual(await axe(page), [], `${path}: violations`);
        await ctx.close();
      });
    }
  }

  for (const how of ["hover", "keyboard", "tap"]) {
    it(`resolution with a footnote popover open (${how})`, async () => {
      const ctx = await b.newContext(how === "tap" ? PHONE : DESKTOP);
      const page = await ctx.newPage();
      await page.goto(s.http(PAGE_TYPES.resolution));
      const mark = page.locator("a.fn-mark").nth(2);
      await mark.scrollIntoViewIfNeeded();
      if (how === "hover") await mark.hover();
      if (how === "tap") await mark.tap();
      if (how === "keyboard") {
        await mark.focus();
        await page.keyboard.press("Enter");
      }
      await page.waitForSelector(".fn-popover:not([hidden])");
      assert.deepEqual(await axe(page), [], "violations with the popover open");
      assert.ok(await page.locator(".fn-popover").isVisible(), "still open after the audit");
      await ctx.close();
    });
  }
});
