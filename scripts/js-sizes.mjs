// The built app's JavaScript by when it loads (gzip level 9): `initial` is what the default page
// loads at start (index.html's entry script and its module preloads), `lazy` the chunks loaded on
// demand (the other views, KaTeX), `worker` the worker's own chunks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

function sized(dist, path) {
  const buf = readFileSync(join(dist, path));
  return { path, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

const total = (files) => ({
  files,
  raw: files.reduce((n, f) => n + f.raw, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
});

export function jsSizes(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]),
  );
  const all = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const isWorker = (p) => /^assets\/worker-/.test(p);
  return {
    initial: total([...initial].map((p) => sized(dist, p))),
    lazy: total(all.filter((p) => !initial.has(p) && !isWorker(p)).map((p) => sized(dist, p))),
    worker: total(all.filter(isWorker).map((p) => sized(dist, p))),
  };
}
