// The site under test and the browser that reads it.
//
// In: PLENARY_SITE (a built site) or PLENARY_BIN (the release binary, which builds
// the bundled collection into a temporary directory); /usr/bin/chromium (or
// CHROMIUM). Out: `site()` — the site directory, an HTTP server on 127.0.0.1 serving
// it, and URL helpers for http:// and file://; `browser()` — headless Chromium.
// Under CI=true anything missing is a failure; outside CI too, with the command that
// installs it: nothing is skipped.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const HERE = fileURLToPath(new URL("..", import.meta.url));
export const REPO = resolve(HERE, "..", "..");
export const ARTIFACTS = join(REPO, "tests", "artifacts");

/** The page types of a site, each with one representative page. */
export const PAGE_TYPES = {
  home: "index.html",
  index: "resolutions/index.html",
  session: "sessions/61/index.html",
  resolution: "A/RES/61/183/index.html",
  "resolution-short": "A/RES/80/14/index.html",
  "not-found": "404.html",
};

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

let cached = null;

/** Builds (once per process) and serves the site. */
export async function site() {
  if (cached) return cached;
  let dir = process.env.PLENARY_SITE;
  if (!dir) {
    const bin = process.env.PLENARY_BIN || join(REPO, "target", "release", "plenary");
    if (!existsSync(bin)) {
      throw new Error(`no plenary binary at ${bin}: run \`cargo build --release\` or set PLENARY_BIN / PLENARY_SITE`);
    }
    dir = join(mkdtempSync(join(tmpdir(), "plenary-browser-")), "public");
    execFileSync(bin, ["build", "--quiet", "--root", REPO, "--out", dir], { stdio: "inherit" });
  }
  dir = resolve(dir);
  if (!existsSync(join(dir, "index.html"))) throw new Error(`${dir} holds no built site (no index.html)`);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    const inside = file === dir || file.startsWith(dir + sep);
    let found = inside && existsSync(file) && statSync(file).isFile();
    const body = readFileSync(found ? file : join(dir, "404.html"));
    res.writeHead(found ? 200 : 404, { "content-type": TYPES[extname(found ? file : ".html")] || "application/octet-stream" });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  server.unref();
  const base = `http://127.0.0.1:${server.address().port}/`;
  cached = {
    dir,
    base,
    http: (path) => base + path,
    file: (path) => pathToFileURL(join(dir, path.split("#")[0])).href + (path.includes("#") ? "#" + path.split("#")[1] : ""),
    close: () => new Promise((ok) => server.close(ok)),
  };
  return cached;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium with a fresh profile (Playwright gives each launch its own). */
export async function browser() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM; ` +
        "bash tests/run installs it",
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, chromiumSandbox: false, headless: true });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The popover element's state: shown, text, box, and the viewport size. */
export async function popoverState(page) {
  return page.evaluate(() => {
    const p = document.querySelector(".fn-popover");
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    if (!p || p.hidden) return { shown: false, vw, vh };
    const r = p.getBoundingClientRect();
    return { shown: true, text: p.textContent, box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, vw, vh };
  });
}

/** Asserts-friendly: is the box inside the viewport? */
export function inside(state) {
  const b = state.box;
  return b.left >= 0 && b.top >= 0 && b.right <= state.vw && b.bottom <= state.vh;
}
