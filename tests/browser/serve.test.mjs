// `plenary serve` in the browser: an edit reloads the page showing it, at the
// same scroll position; a page the edit does not touch stays as it is (no
// reload); a broken edit shows the error overlay, and fixing it takes it away.
//
// Runs the binary of PLENARY_BIN (tests/run passes the release build).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { browser, REPO } from "./lib/site.mjs";

const EDITED = "A/RES/61/183";
const OTHER = "A/RES/80/14";
// Polled on a timer: two pages are open, and a page in the background gets no
// animation frames (Playwright's default polling).
const POLL = { polling: 100, timeout: 20000 };
let b, server, root, base;

/** Starts `plenary serve` on a copy of the bundled collection; resolves to its base URL. */
function serve(dir) {
  const bin = resolve(REPO, process.env.PLENARY_BIN || join("target", "release", "plenary"));
  server = spawn(bin, ["serve", "--root", dir, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  server.stderr.resume();
  return new Promise((ok, fail) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) ok(found[1]);
    });
    server.on("error", (e) => fail(new Error(`cannot start ${bin}: ${e.message}`)));
    server.on("exit", (code) => fail(new Error(`plenary serve exited (${code}) before serving`)));
  });
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), "plenary-serve-"));
  cpSync(join(REPO, "content"), join(root, "content"), { recursive: true });
  base = await serve(root);
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

function edit(rel, from, to) {
  const path = join(root, "content", rel);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${rel} has ${from}`);
  writeFileSync(path, text.replace(from, to));
}

describe("plenary serve", () => {
  it("reloads the edited page in place and leaves the others alone", async () => {
    const ctx = await b.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await ctx.newPage();
    const other = await ctx.newPage();
    await page.goto(`${base}${EDITED}/`);
    await other.goto(`${base}${OTHER}/`);
    // A mark that a reload would wipe out.
    for (const p of [page, other]) await p.evaluate(() => (window.notReloaded = true));
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.waitForFunction(() => window.scrollY === 1500, null, POLL);

    edit(`${EDITED}.md`, "*Reaffirming* the Political", "*Reaffirming* once more the Political");
    await page.waitForFunction(() => document.body.innerText.includes("once more the Political"), null, POLL);
    await page.waitForFunction(() => document.readyState === "complete", null, POLL);
    assert.equal(await page.evaluate(() => window.notReloaded), undefined, "the edited page reloaded");
    await page.waitForFunction(() => window.scrollY === 1500, null, POLL);
    // The pages depending on the edit are rendered after it: give them time to be announced.
    await other.waitForTimeout(2500);
    assert.equal(await other.evaluate(() => window.notReloaded), true, "the other page did not reload");
    await ctx.close();
  });

  it("shows a build error over the page until it is fixed", async () => {
    const ctx = await b.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}${OTHER}/`);
    const good = readFileSync(join(root, "content", `${OTHER}.md`), "utf8");
    edit(`${OTHER}.md`, "{#op3}", "{#op3");
    const overlay = page.locator("#plenary-build-error");
    await overlay.waitFor({ state: "visible", timeout: 20000 });
    assert.match(await overlay.innerText(), new RegExp(`content/${OTHER}\\.md:\\d+`), "it names the file and line");
    writeFileSync(join(root, "content", `${OTHER}.md`), good);
    await overlay.waitFor({ state: "detached", timeout: 20000 });
    await ctx.close();
  });
});
