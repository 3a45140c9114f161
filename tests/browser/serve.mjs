// A tiny static file server for build/web: used by `make serve` and by the
// browser test. Node only, so a fresh machine needs nothing beyond nodejs,
// and .wasm goes out as application/wasm (streaming compilation needs it).
//   node tests/browser/serve.mjs [--csp] [dir] [port] [host]
// --csp (or DSVIZ_CSP=1) sends the strict Content-Security-Policy below with
// every file, as a course site may: the page must work under it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// No inline script or style, nothing from another origin; WebAssembly may
// compile ('wasm-unsafe-eval'), nothing else is evaluated.
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// Serves `root` on host:port (port 0 picks a free one). `extra` maps URL paths
// to in-memory pages (the browser test's iframe host page; served without
// the CSP header). `csp`: a Content-Security-Policy header for the files
// (true = STRICT_CSP). Resolves to { server, url }.
export function startServer(root, { port = 0, host = '127.0.0.1', extra = {}, log = false, csp = null } = {}) {
  const policy = csp === true ? STRICT_CSP : csp;
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const done = (code, type, body) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
      if (log) console.log(`${code} ${req.method} ${req.url}`);
    };
    if (extra[urlPath] !== undefined) return done(200, 'text/html; charset=utf-8', extra[urlPath]);
    if (urlPath === '/favicon.ico') return done(204, 'image/x-icon', '');
    let file = path.join(base, urlPath);
    if (file !== base && !file.startsWith(base + path.sep)) return done(403, 'text/plain', 'forbidden');
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return done(404, 'text/plain', `not found: ${urlPath}`);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        ...(policy ? { 'Content-Security-Policy': policy } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
      if (log) console.log(`200 ${req.method} ${req.url}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const p = server.address().port;
      resolve({ server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${p}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const csp = argv.includes('--csp') || process.env.DSVIZ_CSP === '1';
  const [dir = 'build/web', port = '8000', host = '127.0.0.1'] = argv.filter((a) => a !== '--csp');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html not found: build the web preset first (make serve does)`);
    process.exit(1);
  }
  try {
    const { url } = await startServer(dir, { port: Number(port), host, log: !!process.env.VERBOSE, csp });
    console.log(`Serving ${dir} on ${url}${csp ? ' with a strict Content-Security-Policy' : ''}  (Ctrl-C to stop)`);
  } catch (e) {
    console.error(`serve: cannot listen on ${host}:${port}: ${e.code || e.message}` +
      (e.code === 'EADDRINUSE' ? ` (another server? try: make serve PORT=${Number(port) + 1})` : ''));
    process.exit(1);
  }
}
