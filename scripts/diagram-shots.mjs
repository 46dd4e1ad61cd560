// The pictures of docs/diagrams.md, made from the templates so they never go stale: for
// each template, the studio at 1440×900 (template opened, fitted, Findings tab) and its
// exported diagram (Diagram → PNG 2×, every layer, legend), scaled to 960 px wide and
// quantized (pngquant, when installed) into docs/diagrams/after/. Also renders each
// exported SVG with Chromium, rsvg-convert and Inkscape (those installed) and prints how
// many pixels differ from Chromium's rendering (the table in docs/diagrams.md).
// Needs the release build (trunk build --release) and the e2e packages (scripts/setup.sh all):
//   node scripts/diagram-shots.mjs                  after-images and renderer figures
//   node scripts/diagram-shots.mjs --before DIR     also scales DIR/<id>.png and
//                                                   DIR/<id>-studio.png into docs/diagrams/before/
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = createRequire(join(root, 'tests/e2e/package.json'));
const { chromium } = e2e('playwright-core');
const { PNG } = e2e('pngjs');
const { default: pixelmatch } = await import(pathToFileURL(e2e.resolve('pixelmatch')).href);
const { serve } = await import(join(root, 'tests/e2e/lib/server.mjs'));
const { CHROMIUM } = await import(join(root, 'tests/e2e/lib/studio.mjs'));

/** The four templates of the first drawing, then the one added with the diagram work. */
const TEMPLATES = ['confluent-platform', 'session-cluster', 'ha-application', 'flink-sql', 'minio-application'];
/** Width of the pictures in the page (they open full size on a click). */
const WIDTH = 960;
const OUT = join(root, 'docs/diagrams');
const args = process.argv.slice(2);
const beforeDir = args.includes('--before') ? args[args.indexOf('--before') + 1] : null;

const has = (tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const PNGQUANT = has('pngquant');
if (!PNGQUANT) console.warn('pngquant not installed: pictures are written unquantized (apt-get install pngquant)');

/** Scales a PNG to `WIDTH` in the browser (high-quality smoothing) and quantizes it. */
async function shrink(page, bytes, file) {
  const data = `data:image/png;base64,${bytes.toString('base64')}`;
  const scaled = await page.evaluate(
    async ([src, width]) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const w = Math.min(width, img.naturalWidth);
      const h = Math.round((img.naturalHeight * w) / img.naturalWidth);
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, w, h);
      return canvas.toDataURL('image/png').split(',')[1];
    },
    [data, WIDTH],
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(scaled, 'base64'));
  if (PNGQUANT) {
    execFileSync('pngquant', ['--quality=65-95', '--speed=1', '--strip', '--force', '--output', file, file]);
  }
  return statSync(file).size;
}

/** Share of pixels (percent) of `b` that differ from `a` (same size), or why not. */
function differ(a, b) {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (x.width !== y.width || x.height !== y.height) return `size ${y.width}×${y.height} ≠ ${x.width}×${x.height}`;
  const n = pixelmatch(x.data, y.data, null, x.width, x.height, { threshold: 0.1 });
  return `${((100 * n) / (x.width * x.height)).toFixed(2)} %`;
}

const server = await serve(join(root, 'dist'));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const work = mkdtempSync(join(tmpdir(), 'diagram-shots-'));
const renderers = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  const page = await context.newPage();
  const tid = (id) => page.locator(`[data-testid="${id}"]`);
  const scratch = await context.newPage();
  for (const id of TEMPLATES) {
    await page.goto(server.url);
    await tid('app').waitFor();
    await tid('example-select').selectOption(id);
    await page.locator('[data-testid="node"]').first().waitFor();
    await page.locator('[data-testid="status"][data-state="checked"]').waitFor();
    await tid('fit').click();
    await tid('tab-findings').click();
    await page.mouse.move(1, 1);
    await new Promise((r) => setTimeout(r, 600));
    const zoom = await tid('zoom-level').textContent();
    const studio = await page.screenshot();
    const studioSize = await shrink(scratch, studio, join(OUT, 'after', `${id}-studio.png`));
    await tid('tab-export').click();
    const [png] = await Promise.all([page.waitForEvent('download'), tid('export-png-2x').click()]);
    const diagramSize = await shrink(scratch, readFileSync(await png.path()), join(OUT, 'after', `${id}.png`));
    const [svg] = await Promise.all([page.waitForEvent('download'), tid('export-svg').click()]);
    const svgFile = join(work, `${id}.svg`);
    writeFileSync(svgFile, readFileSync(await svg.path()));
    console.log(`${id}: fitted at ${zoom}; studio ${(studioSize / 1024).toFixed(0)} KB, diagram ${(diagramSize / 1024).toFixed(0)} KB`);
    // The exported SVG in three renderers, at its own size (1 px per unit).
    const text = readFileSync(svgFile, 'utf8');
    const [w, h] = [Number(text.match(/width="([\d.]+)"/)[1]), Number(text.match(/height="([\d.]+)"/)[1])];
    await scratch.setViewportSize({ width: Math.ceil(w), height: Math.ceil(h) });
    await scratch.goto(pathToFileURL(svgFile).href);
    const inChromium = await scratch.screenshot({ clip: { x: 0, y: 0, width: Math.ceil(w), height: Math.ceil(h) } });
    await scratch.goto('about:blank');
    const row = { id, size: `${w}×${h}` };
    if (has('rsvg-convert')) {
      row.rsvg = differ(inChromium, execFileSync('rsvg-convert', ['--background-color=white', svgFile], { maxBuffer: 1 << 28 }));
    }
    if (has('inkscape')) {
      const out = join(work, `${id}.inkscape.png`);
      execFileSync('inkscape', [svgFile, '--export-type=png', `--export-filename=${out}`, '--export-background=white', '--export-background-opacity=1'], { stdio: 'ignore' });
      row.inkscape = differ(inChromium, readFileSync(out));
    }
    renderers.push(row);
  }
  if (beforeDir) {
    for (const id of TEMPLATES) {
      for (const name of [`${id}.png`, `${id}-studio.png`]) {
        let bytes;
        try {
          bytes = readFileSync(join(beforeDir, name));
        } catch {
          continue;
        }
        const size = await shrink(scratch, bytes, join(OUT, 'before', name));
        console.log(`before ${name}: ${(size / 1024).toFixed(0)} KB`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('\nexported SVG, pixels differing from Chromium (pixelmatch threshold 0.1):');
console.log('| template | size | rsvg-convert | Inkscape |');
console.log('|---|---|---|---|');
for (const r of renderers) console.log(`| ${r.id} | ${r.size} | ${r.rsvg ?? '–'} | ${r.inkscape ?? '–'} |`);
