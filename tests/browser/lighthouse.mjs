// Lighthouse (v12, Node 20) on Debian's Chromium against the built site served on 127.0.0.1:
// performance, accessibility, best practices and SEO must each score at least 95 on the
// landing page, a chapter page and the print page, in both languages (mobile emulation, the
// stricter default). Usage: node tests/browser/lighthouse.mjs <site-dir> [report-dir]

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import fs from 'node:fs';
import path from 'node:path';
import { serveSite } from './server.mjs';

const site = path.resolve(process.argv[2] || 'target/site');
const reports = path.resolve(process.argv[3] || 'target/lighthouse');
fs.mkdirSync(reports, { recursive: true });
const MIN = 95;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const pages = ['', 'ko/market-size/', 'ko/print/', 'en/market-size/', 'en/print/'];

const server = await serveSite(site);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const failures = [];
const rows = [];
try {
  for (const p of pages) {
    const url = server.base + p;
    const { lhr, report } = await lighthouse(url, { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: categories });
    fs.writeFileSync(path.join(reports, `${(p || 'landing').replace(/\//g, '_').replace(/_$/, '')}.html`), report);
    if (lhr.runtimeError) failures.push(`/${p}: ${lhr.runtimeError.message}`);
    const scores = categories.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    rows.push(`/${p}`.padEnd(20) + scores.map((s) => String(s).padStart(16)).join(''));
    categories.forEach((c, i) => {
      if (scores[i] < MIN) {
        const lost = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0))
          .map((a) => `${a.id} (${a.displayValue || a.score})`);
        failures.push(`/${p}: ${c} ${scores[i]} < ${MIN}: ${lost.join(', ')}`);
      }
    });
  }
} finally {
  await chrome.kill();
  server.close();
}
console.log('page'.padEnd(20) + categories.map((c) => c.padStart(16)).join(''));
for (const r of rows) console.log(r);
if (failures.length) {
  console.error(`\nlighthouse: ${failures.length} failure(s)\n` + failures.join('\n'));
  process.exit(1);
}
console.log(`lighthouse: every score ≥ ${MIN}; reports in ${reports}`);
