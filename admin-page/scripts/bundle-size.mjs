// R-UI-6: the page's JavaScript and CSS, gzip-compressed, stay within 500 KB. Run after `vite build`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 500 * 1024;
const assets = 'target/classes/backoffice-admin-page/assets';
let total = 0;
for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
  const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  total += size;
  console.log(`${file}: ${(size / 1024).toFixed(1)} KB gzip`);
}
console.log(`JS + CSS: ${(total / 1024).toFixed(1)} KB gzip (limit ${LIMIT / 1024} KB)`);
if (total > LIMIT) {
  console.error('R-UI-6: the page is over its size budget; import fewer components or less CSS.');
  process.exit(1);
}
