// Builds the command line into one CommonJS file: node scripts/bundle-cli.mjs (after tsc, in
// `npm run build`). dist/cli/cli.js and every module of this package it imports become
// dist/cli/nncompile.cjs, which dist/cli/main.js (the "bin") loads after installing the code cache:
// one script to read and compile, and its compiled code reused by the next run (ES modules get
// no code cache in Node 20). Packages stay external (ts-morph, prettier, KaTeX, esbuild, mathjs,
// wabt: loaded from node_modules as before).
//
// The bundle sits in dist/cli/, two folders below the package like every module it contains
// (dist/<folder>/<file>.js), so their `new URL('../../templates/', import.meta.url)`,
// '../../package.json' and '../dsl/api.js' name the same files from it: `import.meta.url` is the
// bundle's own URL.
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['dist/cli/cli.js'],
  outfile: 'dist/cli/nncompile.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'silent',
});
if (result.errors.length + result.warnings.length > 0) {
  for (const m of [...result.errors, ...result.warnings]) console.error(`bundle-cli: ${m.text}`);
  process.exit(1);
}
