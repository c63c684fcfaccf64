// npm run example -- NAME
//
// Compiles examples/NAME/model.ts into generated/NAME/ (model.ts + model.tex,
// with the same header command as `npm run generate`), then runs
// examples/NAME/train.ts with tsx and exits with its exit code.
// `npm run example` builds dist/ first; this script uses dist/index.js.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root); // the generated headers record paths relative to the repo root

const { EXAMPLES, exampleCommand } = await tsImport('./examples.ts', import.meta.url);
const { compileModelFile, CompileError, formatCompileError } = await import('../dist/index.js');

const trainable = (name) => existsSync(`examples/${name}/train.ts`);
const name = process.argv[2];
if (name === undefined || name.startsWith('-') || !EXAMPLES.includes(name)) {
  if (name !== undefined && !name.startsWith('-')) console.error(`run-example: no example '${name}'`);
  console.error('usage: npm run example -- NAME\n\nexamples:');
  for (const e of EXAMPLES) console.error(`  ${e}${trainable(e) ? '' : '   (compile only: no train.ts)'}`);
  process.exit(2);
}

try {
  const { paths } = await compileModelFile(`examples/${name}/model.ts`, {
    outDir: `generated/${name}`,
    command: exampleCommand(name),
  });
  console.log(`compiled examples/${name}/model.ts → ${paths.join(', ')}`);
} catch (e) {
  console.error(e instanceof CompileError ? formatCompileError(e) : e);
  process.exit(1);
}

if (!trainable(name)) {
  console.log(`examples/${name} has no train.ts: nothing to run`);
  process.exit(0);
}

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const command = existsSync(tsx) ? tsx : 'npx';
const args = [...(command === 'npx' ? ['tsx'] : []), `examples/${name}/train.ts`, ...process.argv.slice(3)];
const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('error', (e) => {
  console.error(`run-example: cannot start tsx: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
