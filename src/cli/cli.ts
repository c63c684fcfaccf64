// The nncompile command line: argument parsing, the commands and their messages. Run as
// dist/cli/nncompile.cjs, one CommonJS bundle that main.ts loads (see scripts/bundle-cli.mjs).
import { parseArguments, UsageError } from './arguments.js';
import { CompileError, formatCompileError } from '../util/errors.js';
import { VERSION } from '../util/version.js';

const USAGE = `nncompile ${VERSION}: symbolic differentiation to allocation-free TypeScript and LaTeX notes

usage:
  nncompile <model.ts> [--out DIR] [--pdf]
                                       compile a model file to DIR/<model>.ts, the notes DIR/<model>.tex and
                                       DIR/<model>.html, and DIR/<model>.notes.json (every number in the notes;
                                       DIR: generated); --pdf: also DIR/<model>.pdf (runs pdflatex)
  nncompile expr "<expression>" [--wrt x,y] [--at x=1,y=2] [--json]
                                       print the derivatives (and the value and gradient at a point)
  nncompile --help | --version`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArguments(argv);
  if (values.help) return print(USAGE, 0);
  if (values.version) return print(VERSION, 0);
  if (positionals[0] === 'expr') {
    if (positionals.length !== 2) return print(`nncompile expr needs one quoted expression\n\n${USAGE}`, 2, true);
    // Commands load their modules on demand: `--help` should not wait for TypeScript and prettier.
    const { runExprCommand } = await import('./expr-command.js');
    console.log(runExprCommand(positionals[1], { wrt: values.wrt, at: values.at, json: values.json }));
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`one model file at a time, got ${positionals.join(' ')}`);
  if (positionals.length !== 1) return print(USAGE, 2, true);
  const { compileModelFile } = await import('../driver/model-file.js');
  const result = await compileModelFile(positionals[0], { outDir: values.out, pdf: values.pdf });
  for (const w of result.warnings) console.error(formatCompileError(w, 'warning'));
  for (const f of result.paths) console.log(`wrote ${f}`);
  return 0;
}

function print(text: string, code: number, toStderr = false): number {
  (toStderr ? console.error : console.log)(text);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CompileError) console.error(formatCompileError(error));
    else if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    } else console.error(error);
    process.exitCode = 1;
  },
);
