// The browser bundle's size: compressed siblings for a static host, and the budget.
//
//   node scripts/bundle.mjs compress [DIR]   writes DIR/<file>.gz (gzip -9) and DIR/<file>.br
//                                            (brotli, quality 11) next to every file of the
//                                            build; DIR defaults to $TRUNK_STAGING_DIR (Trunk's
//                                            post_build hook, Trunk.toml), else dist
//   node scripts/bundle.mjs report [DIR] [--budget KB]
//                                            prints what the first visit transfers (the page and
//                                            every file it names, the validation worker's script,
//                                            the service worker): bytes, gzip -9 and brotli per
//                                            file and in total; with --budget, exits 1 when the
//                                            gzip total is above KB kilobytes (1 KB = 1000 bytes)
//
// The figures are computed from the files themselves (not from the .gz/.br siblings), so the
// report is right even for a build made without the hook.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSED = /\.(gz|br)$/;

const gzip = (bytes) => gzipSync(bytes, { level: 9 });
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (!COMPRESSED.test(entry.name)) out.push(path);
  }
  return out;
}

async function compress(dir) {
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
    console.log('bundle: debug build, no compressed siblings');
    return;
  }
  const all = await files(dir);
  for (const file of all) {
    const bytes = await readFile(file);
    await writeFile(`${file}.gz`, gzip(bytes));
    await writeFile(`${file}.br`, brotli(bytes));
  }
  console.log(`bundle: wrote .gz and .br next to ${all.length} files in ${dir}`);
}

/** The files the first visit transfers, relative to `dir`: index.html and every file it
 *  names (stylesheets, icon, loader, app glue and wasm), every other file at the top of the
 *  build (Trunk writes its outputs there: the service worker, a worker's own files), and the
 *  validation worker's script. Not the copies under public/ nor the examples (fetched on
 *  demand). */
async function firstVisit(dir) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const named = new Set(['index.html']);
  // Quoted or, in a minified page, bare attribute values.
  for (const m of html.matchAll(/(?:href|src|data-js|data-wasm)=(?:"([^"#?]+)"|([^\s>"'#?]+))/g)) {
    named.add((m[1] ?? m[2]).replace(/^\.?\//, ''));
  }
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && !COMPRESSED.test(entry.name)) named.add(entry.name);
  }
  const isFile = (name) => stat(join(dir, name)).then((s) => s.isFile(), () => false);
  if (await isFile('public/worker.js')) named.add('public/worker.js');
  const present = [];
  for (const name of named) {
    if (await isFile(name)) present.push(name);
    else console.warn(`bundle: ${name} is named but not in ${dir}`);
  }
  return present;
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8);

async function report(dir, budgetKb) {
  const rows = [];
  for (const name of await firstVisit(dir)) {
    const bytes = await readFile(join(dir, name));
    rows.push({ name, raw: bytes.length, gz: gzip(bytes).length, br: brotli(bytes).length });
  }
  rows.sort((a, b) => b.gz - a.gz);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
  console.log(`first visit (${relative(process.cwd(), dir) || '.'}), KB = 1000 bytes`);
  console.log(`${'file'.padEnd(48)}${'bytes'.padStart(9)}${'gzip -9'.padStart(9)}${'brotli'.padStart(9)}`);
  for (const r of [...rows, { name: 'total', ...total }]) {
    console.log(`${r.name.padEnd(48)}${kb(r.raw)} ${kb(r.gz)} ${kb(r.br)}`);
  }
  if (budgetKb !== undefined) {
    const over = total.gz > budgetKb * 1000;
    console.log(`budget: ${kb(total.gz).trim()} KB gzipped of ${budgetKb} KB: ${over ? 'OVER BUDGET' : 'ok'}`);
    if (over) process.exitCode = 1;
  }
}

const [command, ...rest] = process.argv.slice(2);
const budgetAt = rest.indexOf('--budget');
const budget = budgetAt >= 0 ? Number(rest[budgetAt + 1]) : undefined;
const positional = rest.filter((_, i) => budgetAt < 0 || (i !== budgetAt && i !== budgetAt + 1));
const dir = positional[0] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
if (command === 'compress') await compress(dir);
else if (command === 'report' && (budget === undefined || budget > 0)) await report(dir, budget);
else {
  console.error('usage: node scripts/bundle.mjs compress [DIR] | report [DIR] [--budget KB]');
  process.exitCode = 2;
}
