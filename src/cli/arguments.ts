import { parseArgs } from 'node:util';
import { didYouMean } from '../compile/network/spec-checks.js';

/** The command line's options, with what each takes. */
const OPTIONS = {
  out: { type: 'string', value: 'DIR' },
  wrt: { type: 'string', value: 'x,y' },
  at: { type: 'string', value: 'x=1,y=2' },
  json: { type: 'boolean' },
  pdf: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** What other tools call these options (normalized: lower case, no - or _). */
const ALIASES: Readonly<Record<string, string>> = {
  outdir: 'out', output: 'out', outputdir: 'out', o: 'out', dir: 'out', latex: 'pdf', v: 'version',
};

export interface Arguments {
  readonly values: { out?: string; wrt?: string; at?: string; json?: boolean; pdf?: boolean; help?: boolean; version?: boolean };
  readonly positionals: readonly string[];
}

/** A mistake on the command line, said in one line (the usage follows it; exit code 2). */
export class UsageError extends Error {}

/**
 * The command line parsed, or a UsageError saying what is wrong with it in
 * nncompile's words (Node's parseArgs speaks of positional arguments and '--').
 */
export function parseArguments(argv: readonly string[]): Arguments {
  try {
    const options = Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...('short' in o ? { short: o.short } : {}) }]));
    return parseArgs({ args: [...argv], allowPositionals: true, options }) as Arguments;
  } catch (error) {
    throw new UsageError(describe(error));
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const named = /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? '';
  const name = named.replace(/^-+/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const meant = didYouMean(name, Object.keys(OPTIONS), ALIASES);
    return `unknown option '${named}'${meant === undefined ? '' : `: did you mean --${meant}?`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = OPTIONS[name as keyof typeof OPTIONS] as { value?: string } | undefined;
    return option?.value === undefined ? `--${name} takes no value` : `--${name} needs a value: --${name} ${option.value}`;
  }
  return message;
}
