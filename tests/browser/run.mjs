// The built site in a real browser (Debian's Chromium, driven by playwright-core; no browser
// download). Usage: node tests/browser/run.mjs <site-dir> [screenshot-dir]
//
// For every page of both languages: no console error, no failed request, no horizontal scroll
// at 360 px, every chart visible with a non-zero size, axe-core reports no violations (light and
// dark colour schemes). Chapter pages: the language switch lands on the same chapter, and on the
// same section when a section is being read. Search finds Korean and English queries.
// Screenshots of each page type in both languages at 360 and 1280 px go to the screenshot dir.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveSite } from './server.mjs';

const require = createRequire(import.meta.url);
const site = path.resolve(process.argv[2] || 'target/site');
const shots = path.resolve(process.argv[3] || 'target/screenshots');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
fs.mkdirSync(shots, { recursive: true });

const failures = [];
const fail = (page, what) => failures.push(`${page}: ${what}`);

const server = await serveSite(site);
const base = server.base;

// Every HTML page of the site.
const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'pagefind') walk(full); }
    else if (e.name === 'index.html') pages.push(path.relative(site, path.dirname(full)).replace(/\\/g, '/'));
  }
})(site);
pages.sort();
const urlOf = (p) => (p ? `${p}/` : '');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function open(width, scheme = 'light') {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  // Every Content-Security-Policy violation is a failure (the console reports most, not all).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/404.html')) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { context, page, problems };
}

async function axe(page, label) {
  // Evaluated through the DevTools protocol: the pages' Content-Security-Policy (rightly)
  // refuses an injected inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
    // WCAG 2.2 AA included (target size), as Lighthouse checks it.
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  for (const v of result.violations) {
    fail(label, `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
}

const shotKinds = new Map(); // page type+lang → one page to screenshot
function kindOf(p) {
  if (p === '') return 'landing';
  const parts = p.split('/');
  if (parts.length === 1) return `contents-${parts[0]}`;
  if (parts[1] === 'print') return `print-${parts[0]}`;
  return `chapter-${parts[0]}`;
}
for (const p of pages) if (!shotKinds.has(kindOf(p)) || p.endsWith('market-size')) shotKinds.set(kindOf(p), p);
shotKinds.set('notfound', 'no-such-page');

// 1. Every page at 1280 and 360 px.
for (const width of [1280, 360]) {
  const { context, page, problems } = await open(width);
  for (const p of pages) {
    problems.length = 0;
    await page.goto(base + urlOf(p), { waitUntil: 'load' });
    await page.waitForTimeout(50);
    const label = `${urlOf(p) || '/'} @${width}`;
    for (const pr of problems) fail(label, pr);
    for (const v of await page.evaluate(() => window.__cspViolations)) fail(label, `CSP violation ${v}`);
    if (!(await page.$('meta[http-equiv="Content-Security-Policy"]'))) fail(label, 'no Content-Security-Policy');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) fail(label, `horizontal scroll of ${overflow}px`);
    const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => { const r = s.getBoundingClientRect(); return [s.closest('figure').id, r.width, r.height]; }));
    for (const [id, w, h] of charts) if (!(w > 0 && h > 0)) fail(label, `chart ${id} has size ${w}×${h}`);
    if (width === 360) {
      for (const [id, w] of charts) if (w > 340) fail(label, `chart ${id} is ${w}px wide on a 360px phone`);
    }
    if (width === 1280) await axe(page, label);
  }
  await context.close();
}

// The policy is enforced: an injected inline script does not run.
{
  const { context, page } = await open(1280);
  await page.goto(base + 'ko/');
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.append(s);
    return window.__injected === true;
  });
  if (ran) fail('/ko/', 'an injected inline script ran: the Content-Security-Policy is not enforced');
  await context.close();
}

// 2. Dark mode: contrast of every page type.
{
  const { context, page } = await open(1280, 'dark');
  for (const p of new Set(shotKinds.values())) {
    if (p === 'no-such-page') continue;
    await page.goto(base + urlOf(p));
    await axe(page, `${urlOf(p) || '/'} (dark)`);
  }
  await context.close();
}

// 3. The language switch: same chapter, and the section being read.
{
  const { context, page } = await open(1280);
  const chapters = pages.filter((p) => /^(ko|en)\/[^/]+$/.test(p) && !p.endsWith('/print'));
  for (const p of chapters) {
    const [lang, slug] = p.split('/');
    const other = lang === 'ko' ? 'en' : 'ko';
    await page.goto(base + urlOf(p));
    await page.click(`.language-switch a[hreflang="${other}"]`);
    await page.waitForLoadState('load');
    const landed = new URL(page.url()).pathname;
    if (landed !== `/${other}/${slug}/`) fail(`/${p}/`, `the language switch landed on ${landed}`);
  }
  // Section level: read the second section of a chapter, switch, arrive at its counterpart.
  for (const [from, to] of [['ko', 'en'], ['en', 'ko']]) {
    await page.goto(`${base}${from}/regional-development/`);
    const target = await page.$$eval('article h2[id]', (hs) => { const h = hs[1]; h.scrollIntoView(); return h.dataset[`alt${location.pathname.startsWith('/ko') ? 'En' : 'Ko'}`]; });
    await page.waitForTimeout(100);
    await page.click(`.language-switch a[hreflang="${to}"]`);
    await page.waitForURL((u) => u.pathname.startsWith(`/${to}/`), { timeout: 5000 }).catch(() => {});
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    if (!target || hash !== target) fail(`/${from}/regional-development/`, `section switch went to #${hash}, expected #${target}`);
  }
  await context.close();
}

// 4. Search, Korean and English. Each query must find pages holding every listed word form
// (searched exactly as the search box searches), and the box must show results.
{
  const { context, page, problems } = await open(1280);
  const queries = [
    ['ko', '반도체', ['반도체칩', '반도체를']],
    ['ko', '중국', ['중국의', '중국은']],
    ['ko', '자율주행', ['자율주행을', '자율주행기업']],
    ['ko', '시장규모', ['시장규모는']],
    ['ko', '지역별', ['지역의']],
    ['en', 'semiconductor', ['semiconductors']],
    ['en', 'robotaxi', ['robotaxis']],
  ];
  for (const [lang, q, forms] of queries) {
    problems.length = 0;
    await page.goto(`${base}${lang}/market-size/`);
    const missing = await page.evaluate(async ([q, forms]) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.options({ baseUrl: '/' });
      const search = await pf.search(window.folioSearchQuery(q));
      const data = await Promise.all(search.results.map((r) => r.data()));
      const text = data.map((d) => window.folioSearchText(d.content)).join(' ');
      return forms.filter((f) => !text.includes(f));
    }, [q, forms]);
    if (missing.length) fail(`search ${lang}`, `"${q}" did not find pages with ${missing.join(', ')}`);
    await page.fill('#search\\:input', q);
    const shown = await page.waitForFunction(() => document.querySelectorAll('#search\\:results li').length > 0, null, { timeout: 8000 }).catch(() => null);
    if (!shown) fail(`search ${lang}`, `the search box shows no results for "${q}"`);
    const visible = await page.$eval('#search\\:results', (r) => r.textContent);
    if (visible.includes('^')) fail(`search ${lang}`, `the results for "${q}" show the indexer's ^ mark`);
    for (const pr of problems) fail(`search ${lang} "${q}"`, pr);
  }
  // What the box shows: the indexer's particle split undone, inside and around highlights.
  const cleaned = await page.evaluate(() => window.folioSearchText('<mark>지역</mark> ^의 AI^반도체칩 ^을, 중국 <mark>^의</mark>'));
  if (cleaned !== '<mark>지역</mark>의 AI반도체칩을, 중국<mark>의</mark>') fail('search', `excerpt text shown as ${cleaned}`);
  const link = await page.$('#search\\:results a.search-hit');
  if (link) {
    await link.click();
    await page.waitForLoadState('load');
    if (!/\/en\/[^/]+\//.test(new URL(page.url()).pathname)) fail('search', `a result led to ${page.url()}`);
  }
  await context.close();
}

// 5. Screenshots of every page type, both languages, phone and desktop.
for (const width of [360, 1280]) {
  const { context, page } = await open(width);
  for (const [kind, p] of shotKinds) {
    await page.goto(base + (p === 'no-such-page' ? 'no-such-page/' : urlOf(p)));
    await page.screenshot({ path: path.join(shots, `${kind}-${width}.png`), fullPage: false });
  }
  await context.close();
}

await browser.close();
server.close();
console.log(`browser suite: ${pages.length} pages × 2 widths, ${failures.length} failure(s); screenshots in ${shots}`);
if (failures.length) {
  console.log(failures.map((f) => '  ' + f).join('\n'));
  process.exit(1);
}
