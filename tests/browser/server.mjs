// A static server for the built site on 127.0.0.1, like a web host: index.html for folders,
// 404.html (status 404) for anything missing, nothing outside the site folder, and text
// compressed with gzip when the browser accepts it (as GitHub Pages, Netlify and every CDN do).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain', '.csv': 'text/csv', '.wasm': 'application/wasm' };

/** Serves `site`; resolves to { base, close } once listening on a free port. */
export async function serveSite(site) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(site, p);
    if (!file.startsWith(site + path.sep)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': types['.html'] });
        res.end(fs.readFileSync(path.join(site, '404.html')));
        return;
      }
      const type = types[path.extname(file)] || 'application/octet-stream';
      const compressible = /^(text\/|application\/(json|xml|wasm)|image\/svg)/.test(type);
      if (compressible && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(zlib.gzipSync(data));
      } else {
        res.writeHead(200, { 'content-type': type });
        res.end(data);
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}
