import { compileExpression, type OptionSpelling } from '../compile/expression.js';
import { simplify } from '../passes/simplify.js';
import { printExpression } from '../backends/print/print-expression.js';
import { CompileError } from '../util/errors.js';

export interface ExprCommandOptions {
  readonly wrt?: string;
  readonly at?: string;
  readonly json?: boolean;
}

/**
 * `nncompile expr "<expression>" [--wrt x,y] [--at x=1,y=2] [--json]`:
 * the derivatives, and with --at the value and gradient there.
 */
export function runExprCommand(source: string, options: ExprCommandOptions): string {
  const wrt = options.wrt?.split(',').map((s) => s.trim()).filter(Boolean);
  const at = options.at === undefined ? undefined : parsePoint(options.at);
  const c = compileExpression('f', source, { wrt, ...(at ? { at } : {}) }, COMMAND_SPELLING);
  const { graph, map } = simplify(c.gradient.graph);
  const derivatives = c.gradient.gradient.map(
    (id) => printExpression(graph, map[id], 'text', () => undefined, 20_000) ?? '(too large to print)',
  );
  const expression = printExpression(graph, map[c.gradient.output], 'text', () => undefined) ?? source;
  if (options.json) {
    return JSON.stringify(
      {
        expression,
        variables: c.variables,
        derivatives: Object.fromEntries(c.variables.map((v, i) => [v, derivatives[i]])),
        ...(c.point ? { at: c.point.values, value: c.point.value, gradient: c.point.gradient } : {}),
      },
      null,
      2,
    );
  }
  // The function's name in the printout: f, unless a variable is called f.
  const f = ['f', 'g', 'h', 'F'].find((name) => !c.variables.includes(name)) ?? 'fn';
  const lines = [`${f}(${c.variables.join(', ')}) = ${expression}`];
  c.variables.forEach((v, i) => lines.push(`d${f}/d${v} = ${derivatives[i]}`));
  if (c.point) {
    const where = c.variables.map((v) => `${v} = ${c.point!.values[v]}`).join(', ');
    lines.push(`at ${where}:`, `  ${f} = ${c.point.value}`);
    c.variables.forEach((v, i) => lines.push(`  d${f}/d${v} = ${c.point!.gradient[i]}`));
  }
  return lines.join('\n');
}

/** The hints of wrt and at as this command's options. */
const COMMAND_SPELLING: OptionSpelling = {
  wrt: (names) => `--wrt ${names.join(',')}`,
  at: (names) => `--at ${names.map((x) => `${x}=1`).join(',')}`,
};

/** `x=1,y=2` → { x: 1, y: 2 } */
function parsePoint(text: string): Record<string, number> {
  const point: Record<string, number> = {};
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) {
      throw new CompileError(`--at: cannot read '${part}'`, undefined, 'write --at x=1,y=2.5');
    }
    point[m[1]] = value;
  }
  return point;
}
