#!/usr/bin/env node
// The `nncompile` command (package.json "bin"). A cold start is mostly loading code: the
// command line itself (./cli.ts and the ~230 modules it imports) is built into one CommonJS file,
// dist/cli/nncompile.cjs (scripts/bundle-cli.mjs, part of `npm run build`), so that it is read and
// compiled as one script and, like TypeScript, takes V8's compiled code from the code cache
// (./code-cache.ts) installed here before it loads. ES modules get no code cache in Node 20, and
// resolving, reading and linking a few hundred of them costs more than running the compiler on
// a small function.
import { createRequire } from 'node:module';
import { enableCodeCache } from './code-cache.js';

enableCodeCache();
createRequire(import.meta.url)('./nncompile.cjs');
