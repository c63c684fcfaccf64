/**
 * Straight-line statements held out of prettier: formatting thousands of
 * `const v3 = v1 * v2;` lines (an unrolled loop) takes prettier seconds, and
 * how it prints such a line is known (asPrettierPrints). Runs of such lines
 * are replaced by a placeholder comment before formatting and put back, as
 * prettier prints them, after; every other line is formatted as usual.
 * test/preformatted.test.ts checks each held form against prettier.
 */
export class PreformattedLines {
  private readonly runs: (readonly string[])[] = [];

  /**
   * The lines, each run of consecutive ones whose printed form is known
   * (asPrettierPrints) replaced by one placeholder comment (`indent`: their
   * indentation in the formatted code).
   */
  hold(lines: readonly string[], indent = 2): string[] {
    const out: string[] = [];
    let run: string[] = [];
    const flush = () => {
      if (run.length === 0) return;
      this.runs.push(run);
      out.push(`${PLACEHOLDER}${this.runs.length - 1}`);
      run = [];
    };
    for (const line of lines) {
      const printed = asPrettierPrints(line, indent);
      if (printed === undefined) {
        flush();
        out.push(line);
      } else {
        run.push(printed);
      }
    }
    flush();
    return out;
  }

  /** Rewrites every run of held lines (the lines of a run in, as many lines out). */
  mapRuns(rewrite: (code: string) => string): void {
    this.runs.forEach((run, k) => {
      const lines = rewrite(run.join('\n')).split('\n');
      if (lines.length !== run.length) throw new Error(`a rewrite of held lines made ${lines.length} lines of ${run.length}`);
      this.runs[k] = lines;
    });
  }

  /** The formatted code with each placeholder replaced by its lines, at the placeholder's indentation. */
  restore(formatted: string): string {
    return formatted.replace(new RegExp(`^( *)${PLACEHOLDER}(\\d+)$`, 'gm'),
      (_m, indent: string, k: string) => this.runs[Number(k)].map((line) => `${indent}${line}`).join('\n'));
  }
}

const PLACEHOLDER = '//nncompile-line-';
/** prettier's printWidth (backends/ts/format.ts). */
const WIDTH = 100;

/** An operand prettier prints as it is: a name, an element x[3], a number, a call of such operands. */
const PLAIN = /^[\w$.[\]()*/+\-, ]+$/;
/** A select's TS form, `(a < b ? x : y)`, over plain operands. */
const SELECT = /^\(([\w$.[\]]+) (<|<=|===|>) ([\w$.[\]]+) \? ([\w$.[\]]+) : ([\w$.[\]]+)\)$/;

/**
 * The line as prettier prints it, if that is known without running prettier:
 * `const name = a op b;` (or `name = a op b;`, an assignment in a branch) with plain operands (no parenthesized negative
 * number, no exponent with a +: prettier would drop those), or a select
 * `const name = (a < b ? x : y);` over plain operands, which prettier prints
 * without the outer parentheses; undefined otherwise (or when too long).
 */
export function asPrettierPrints(line: string, indent: number): string | undefined {
  const m = /^((?:const )?[A-Za-z_$][\w$]* = )(.+);$/.exec(line);
  if (!m) return undefined;
  const [, declaration, rhs] = m;
  const select = SELECT.exec(rhs);
  const printed = select ? `${declaration}${select[1]} ${select[2]} ${select[3]} ? ${select[4]} : ${select[5]};` : line;
  if (indent + printed.length > WIDTH) return undefined;
  if (select) return printed;
  return !rhs.startsWith('(') && !rhs.includes('(-') && !/\de\+/.test(rhs) && PLAIN.test(rhs) ? line : undefined;
}
