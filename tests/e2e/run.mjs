// Runs every spec under specs/ against the Trunk release build in dist/, then prints
// "N passed, N failed" alone on a line. Exit code 1 when a test fails.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { serve } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.DIST ?? join(here, '../../dist'));
const server = await serve(dist);
process.env.E2E_BASE_URL = server.url;
console.log(`serving ${dist} at ${server.url}`);

const filter = process.argv[2];
const files = readdirSync(join(here, 'specs'))
  .filter((f) => f.endsWith('.test.mjs') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(here, 'specs', f));

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:pass', (t) => {
  if (t.details?.type !== 'suite' && t.nesting === 0) passed += 1;
});
stream.on('test:fail', (t) => {
  if (t.details?.type !== 'suite' && t.nesting === 0) failed += 1;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((done) => stream.on('close', done));
await server.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
