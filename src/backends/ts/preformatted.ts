/**
 * Straight-line statements held out of prettier: formatting thousands of
 * `const v3 = v1 * v2;` lines (an unrolled loop) takes prettier seconds, and
 * it prints such a line unchanged. A line that is safe — `const name = …;`
 * without parentheses prettier might drop (a leading `(`, a parenthesized
 * negative number) and short enough not to be wrapped — is replaced by a
 * placeholder comment before formatting and put back after; every other line
 * is formatted as usual. The goldens test holds the output byte-identical to
 * formatting everything.
 */
export class PreformattedLines {
  private readonly runs: (readonly string[])[] = [];

  /**
   * The lines, each run of consecutive safe ones replaced by one placeholder
   * comment (`indent`: their indentation in the formatted code).
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
      if (isSafe(line, indent)) {
        run.push(line);
      } else {
        flush();
        out.push(line);
      }
    }
    flush();
    return out;
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

/** `const name = a op b;` with plain operands, or a call of names: prettier prints it as it is. */
function isSafe(line: string, indent: number): boolean {
  if (indent + line.length > WIDTH) return false;
  const m = /^const [A-Za-z_$][\w$]* = (.+);$/.exec(line);
  if (!m) return false;
  const rhs = m[1];
  // (prettier also drops the + of an exponent, 1e+21 → 1e21)
  return !rhs.startsWith('(') && !rhs.includes('(-') && !/\de\+/.test(rhs) && /^[\w$.[\]()*/+\-, ]+$/.test(rhs);
}
