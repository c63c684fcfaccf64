// Regenerates generated/<example>/ for every bundled example (`npm run generate`).
// The golden test compares a fresh compilation against these files byte for byte.
import { compileModelFile, formatCompileError, CompileError } from '../dist/index.js';
import { EXAMPLES, exampleCommand } from './examples.mjs';

for (const name of EXAMPLES) {
  try {
    const { files } = await compileModelFile(`examples/${name}/model.ts`, {
      outDir: `generated/${name}`,
      command: exampleCommand(name),
    });
    for (const f of files) console.log(`wrote ${f}`);
  } catch (e) {
    console.error(e instanceof CompileError ? formatCompileError(e) : e);
    process.exitCode = 1;
  }
}
