// Builds the page's script into the static resources that tipline serves under /page/assets:
//   page.js         the page's own code with ALTCHA's solver, one ES module, minified
//   seal-<hash>.js  the sealer (HPKE, Argon2id, the EFF wordlist), which page.js imports when
//                   the tipster starts writing; esbuild may split shared code into more chunks
//   altcha-sha.js   ALTCHA's SHA worker, copied as published (a worker file of tipline's own
//                   origin: the page's Content-Security-Policy allows no blob: or data: worker)
// and the office console's OAuth 2 / OpenID Connect client, into the console's static files:
//   office/vendor/oauth.js  oauth4webapi's routines that office/oidc.js imports, one ES module
// The wordlist is tipline's own copy (src/main/resources/followup/eff-large-wordlist.txt), read
// at build time: the page has no second copy to keep in step.
// And the office console's QR encoder into office/vendor (src/main/resources/META-INF/resources):
//   qr.js           lean-qr's generate() as one ES module, which the console's accounts screen
//                   imports to draw an account's enrolment QR code itself, in the browser
// The output is committed. The same lock file gives the same bytes (PageBundleTests checks it).
// Usage: node build.mjs [--outdir <folder>] [--vendor <folder>] [--wordlist <file>]
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTICE = '/* tipline page script (src/main/web). Includes ALTCHA (https://altcha.org), MIT License, '
  + 'Copyright (c) Daniel Regeci. */';
const here = dirname(fileURLToPath(import.meta.url));
const option = (name, otherwise) => {
  const flag = process.argv.indexOf(name);
  return flag > 0 ? resolve(process.argv[flag + 1]) : otherwise;
};
const outdir = option('--outdir', join(here, '..', 'resources', 'META-INF', 'resources', 'page', 'assets'));
const vendor = option('--vendor', join(here, '..', 'resources', 'META-INF', 'resources', 'office', 'vendor'));
const wordlist = option('--wordlist', join(here, '..', 'resources', 'followup', 'eff-large-wordlist.txt'));
mkdirSync(outdir, { recursive: true });
mkdirSync(vendor, { recursive: true });
// A rebuild leaves no chunk of an older build behind (the folder's other files are not the build's).
for (const name of readdirSync(outdir)) {
  if (name === 'page.js' || name === 'altcha-sha.js' || /^chunk-.*\.js$|^seal-.*\.js$/.test(name)) {
    rmSync(join(outdir, name));
  }
}

/** import WORDLIST from 'tipline:eff-large-wordlist': the file's text, its licence lines included. */
const wordlistModule = {
  name: 'eff-large-wordlist',
  setup(builder) {
    // A fixed module path, not the file's: the chunk's name hashes it, and must not depend on
    // where the checkout lies.
    builder.onResolve({ filter: /^tipline:eff-large-wordlist$/ }, () => ({ path: 'eff-large-wordlist',
      namespace: 'wordlist' }));
    builder.onLoad({ filter: /.*/, namespace: 'wordlist' }, () => ({
      contents: 'export default ' + JSON.stringify(readFileSync(wordlist, 'utf8')) + ';',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { page: join(here, 'src', 'main.js') },
  outdir,
  splitting: true,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  plugins: [wordlistModule],
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  // Class fields as written (every browser since 2020 has them): lowered, their helper would sit in
  // a chunk of its own that page.js imports at once, one more round trip before the form works.
  supported: { 'class-field': true, 'class-static-field': true },
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

await build({
  entryPoints: { qr: join(here, 'src', 'qr.js') },
  outdir: vendor,
  entryNames: '[name]',
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  charset: 'utf8',
  legalComments: 'eof',
  sourcemap: false,
  absWorkingDir: here,
  logLevel: 'warning',
  banner: { js: '/* tipline office console: QR code encoder (src/main/web/src/qr.js). Includes lean-qr '
    + '(https://github.com/davidje13/lean-qr), MIT License, Copyright (c) 2021-2025 David Evans. */' },
});

// The console's OAuth client: no splitting, one file that the console's own script imports.
await build({
  entryPoints: [join(here, 'src', 'oauth.js')],
  outfile: join(vendor, 'oauth.js'),
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  charset: 'utf8',
  legalComments: 'eof',
  sourcemap: false,
  absWorkingDir: here,
  logLevel: 'warning',
  banner: { js: '/* tipline office console: oauth4webapi (https://github.com/panva/oauth4webapi), MIT License, '
    + 'Copyright (c) 2022 Filip Skokan. Built from src/main/web. */' },
});
