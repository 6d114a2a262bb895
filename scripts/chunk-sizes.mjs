// Prints every built asset's raw and gzip size (Vite omits gzip for worker chunks).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { jsSizes } from './js-sizes.mjs';

const dir = 'dist/assets';
const rows = readdirSync(dir)
  .map((name) => {
    const buf = readFileSync(join(dir, name));
    return { name, raw: statSync(join(dir, name)).size, gzip: gzipSync(buf, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.log(`${'asset'.padEnd(48)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
for (const r of rows) console.log(`${r.name.padEnd(48)}${kb(r.raw)}${kb(r.gzip)}`);
const { initial, lazy, worker } = jsSizes('dist');
const line = (label, t) => console.log(`${label.padEnd(48)}${kb(t.raw)}${kb(t.gzip)}`);
console.log('');
line(`main thread, loaded at start (${initial.files.length} files)`, initial);
line(`main thread, all chunks (${initial.files.length + lazy.files.length} files)`, {
  raw: initial.raw + lazy.raw,
  gzip: initial.gzip + lazy.gzip,
});
line(`worker (${worker.files.length} files)`, worker);
