// Regenerates generated/<example>/ for every bundled example (`npm run generate`).
// test/goldens.test.ts compares a fresh compilation with these files byte for byte.
import { CompileError, compileModelFile, formatCompileError } from '../src/index.js';
import { EXAMPLES, exampleCommand } from './examples.js';

for (const name of EXAMPLES) {
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
