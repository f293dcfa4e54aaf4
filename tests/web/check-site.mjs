// check-site.mjs: load pages of a built site/ in Debian's chromium (headless,
// through puppeteer-core) from file:// and check what a reader would meet:
//   - no axe-core violations of the WCAG 2.1 A and AA rules;
//   - every internal link and #anchor resolves (files exist, ids exist);
//   - nothing is requested from the network (only file: URLs are allowed);
//   - at 320 CSS px the document is no wider than the viewport;
// and save screenshots at 1280 and 375 px wide.
//
// usage: node check-site.mjs SITE_DIR SHOTS_DIR PAGE...   (PAGE relative to SITE_DIR)
// Prints one line per problem and exits 1 when there is any; 0 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [siteDir, shotsDir, ...pages] = process.argv.slice(2);
if (!siteDir || !shotsDir || pages.length === 0) {
  console.error('usage: node check-site.mjs SITE_DIR SHOTS_DIR PAGE...');
  process.exit(2);
}
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
// Screenshots stop this far down (a long page at 375 px would pass what
// chromium can capture in one image).
const MAX_SHOT_HEIGHT = 8000;
const problems = [];
const problem = (page, msg) => problems.push(`${page}: ${msg}`);

// ids in an HTML file, for links into other pages ("x.html#id").
const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const html = fs.readFileSync(file, 'utf8');
    idCache.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])));
  }
  return idCache.get(file);
}

function checkLink(page, from, href) {
  let u;
  try {
    u = new URL(href, from);
  } catch {
    problem(page, `link "${href}" is not a URL`);
    return;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') return; // external
  if (u.protocol !== 'file:') {
    problem(page, `link "${href}" uses ${u.protocol}`);
    return;
  }
  const file = fileURLToPath(new URL(u.pathname, u));
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    problem(page, `link "${href}" leads to a missing file ${path.relative(siteDir, file)}`);
    return;
  }
  if (u.hash && u.hash.length > 1) {
    const id = decodeURIComponent(u.hash.slice(1));
    if (/\.html$/.test(file) && !idsOf(file).has(id))
      problem(page, `link "${href}" names an anchor #${id} that does not exist`);
  }
}

async function shot(page, file) {
  const { w, h } = await page.evaluate(() => ({
    w: document.documentElement.clientWidth, h: document.documentElement.scrollHeight }));
  await page.screenshot({ path: file, captureBeyondViewport: true,
                          clip: { x: 0, y: 0, width: w, height: Math.min(h, MAX_SHOT_HEIGHT) } });
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpack-chromium-'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         `--user-data-dir=${userDataDir}`],
});
try {
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const rel of pages) {
    const file = path.resolve(siteDir, rel);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const u = req.url();
      if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:')) {
        req.continue();
      } else {
        problem(rel, `requested ${u} from the network`);
        req.abort();
      }
    });
    page.on('pageerror', (e) => problem(rel, `script error: ${e.message}`));
    await page.setViewport({ width: 1280, height: 900 });
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (!resp || !resp.ok()) problem(rel, `could not be loaded`);

    // Links and anchors.
    const hrefs = await page.$$eval('a[href], area[href], link[href]', (els) =>
      els.map((e) => e.getAttribute('href')));
    for (const href of hrefs) checkLink(rel, url, href);

    // Screenshots, then axe (which injects its own script into the page).
    const base = rel.replace(/[\/]/g, '_').replace(/\.html$/, '');
    await shot(page, path.join(shotsDir, `${base}-1280.png`));

    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                          resultTypes: ['violations'] }));
    for (const v of result.violations)
      for (const n of v.nodes)
        problem(rel, `axe ${v.id} (${v.impact}): ${v.help}: ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);

    // Narrow screens: reload without axe so the page is as a reader gets it.
    for (const width of [320, 375]) {
      await page.setViewport({ width, height: 800 });
      await page.goto(url, { waitUntil: 'load' });
      const { scroll, inner, wide } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 &&
                  !e.closest('.table-wrap'))
          .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
      }));
      if (width === 320 && scroll > inner)
        problem(rel, `at 320 px the document is ${scroll} px wide (wider than the viewport: ${wide.join(', ')})`);
      if (width === 375)
        await shot(page, path.join(shotsDir, `${base}-375.png`));
    }
    await page.close();
    console.log(`checked ${rel}: ${hrefs.length} links`);
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
for (const p of problems) console.log(p);
if (problems.length) {
  console.log(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log('no problems');
