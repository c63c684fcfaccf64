// Marks a build folder as CommonJS (the package itself is "type": "module"), so
// `require('nncompile')` loads the DSL built there: node scripts/mark-commonjs.mjs dist/cjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

writeFileSync(join(process.argv[2], 'package.json'), '{ "type": "commonjs" }\n');
