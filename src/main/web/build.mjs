// Builds the page's script into the static resources that tipline serves under /page/assets:
//   page.js         the page's own code with ALTCHA's solver, one ES module, minified
//   altcha-sha.js   ALTCHA's SHA worker, copied as published (a worker file of tipline's own
//                   origin: the page's Content-Security-Policy allows no blob: or data: worker)
// The output is committed. The same lock file gives the same bytes (PageBundleTests checks it).
// Usage: node build.mjs [--outdir <folder>]
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTICE = '/* tipline page script (src/main/web). Includes ALTCHA (https://altcha.org), MIT License, '
  + 'Copyright (c) Daniel Regeci. */';
const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf('--outdir');
const outdir = flag > 0 ? resolve(process.argv[flag + 1])
  : join(here, '..', 'resources', 'META-INF', 'resources', 'page', 'assets');
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'main.js')],
  outfile: join(outdir, 'page.js'),
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  charset: 'utf8',
  legalComments: 'eof',
  sourcemap: false,
  absWorkingDir: here,
  logLevel: 'warning',
  banner: { js: NOTICE },
});
const worker = readFileSync(join(here, 'node_modules', 'altcha', 'dist', 'workers', 'sha.js'));
writeFileSync(join(outdir, 'altcha-sha.js'), Buffer.concat([Buffer.from(NOTICE + '\n'), worker]));
