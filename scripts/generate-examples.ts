// Regenerates generated/<example>/ for every bundled example (`npm run generate`),
// or for the examples named (`npm run generate -- sunspots co2`).
// test/goldens.test.ts compares a fresh compilation with these files byte for byte.
import { CompileError, compileModelFile, formatCompileError } from '../src/index.js';
import { EXAMPLES, exampleCommand } from './examples.js';

const named = process.argv.slice(2);
const unknown = named.filter((name) => !EXAMPLES.includes(name));
if (unknown.length > 0) throw new Error(`no such example: ${unknown.join(', ')} (the examples: ${EXAMPLES.join(', ')})`);
for (const name of named.length > 0 ? named : EXAMPLES) {
  try {
    const { paths } = await compileModelFile(`examples/${name}/model.ts`, {
      outDir: `generated/${name}`,
      command: exampleCommand(name),
    });
    for (const f of paths) console.log(`wrote ${f}`);
  } catch (e) {
    console.error(e instanceof CompileError ? formatCompileError(e) : e);
    process.exitCode = 1;
  }
}
