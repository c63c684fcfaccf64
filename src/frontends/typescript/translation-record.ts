/**
 * What the translation of a function did, as its notes say it: which names
 * were reassigned (SSA: each assignment a new value), which branches became
 * piecewise choices and which were decided when compiling, which loops were
 * unrolled (and how many times they ran) or kept as loops, and which
 * functions were inlined. Lines are the model file's.
 */
export interface TranslationSummary {
  /** Variables assigned a value that depends on the parameters after their declaration, in order of first assignment. */
  readonly reassigned: readonly string[];
  /** Lines of `if` / `?:` whose condition depends on the parameters (select nodes). */
  readonly branches: readonly number[];
  /** Lines of `if` / `?:` whose condition was known when compiling, every time (the branch was taken, the other dropped). */
  readonly decided: readonly number[];
  /** Loops, by line: kept as a loop in the generated code, or unrolled (and the fewest and most iterations it ran: an inner loop's vary). */
  readonly loops: readonly Loop[];
  /** Functions inlined, by the name they were called by (none: a function expression called where it is written), and the line they are defined on. */
  readonly inlined: readonly { readonly name?: string; readonly line: number }[];
}

export interface Loop {
  readonly line: number;
  readonly kept: boolean;
  readonly iterations: { readonly min: number; readonly max: number };
}

interface State {
  readonly reassigned: Set<string>;
  readonly branches: Set<number>;
  readonly decided: Set<number>;
  readonly loops: Map<number, Omit<Loop, 'line'>>;
  /** By name, or by line for a function expression. */
  readonly inlined: Map<string | number, { readonly name?: string; readonly line: number }>;
}

const copy = (s: State): State => ({
  reassigned: new Set(s.reassigned),
  branches: new Set(s.branches),
  decided: new Set(s.decided),
  loops: new Map(s.loops),
  inlined: new Map(s.inlined),
});

/** The record the translator keeps as it goes (a statement translated more than once — in a loop, a helper called twice — counts once). */
export class TranslationRecord {
  private state: State = { reassigned: new Set(), branches: new Set(), decided: new Set(), loops: new Map(), inlined: new Map() };

  assigned(name: string): void {
    this.state.reassigned.add(name);
  }

  /** A branch on `line`; `known`: its condition was known when compiling. */
  branch(line: number, known: boolean): void {
    (known ? this.state.decided : this.state.branches).add(line);
  }

  /** A loop on `line` kept as a loop, or unrolled, running `iterations` times this time it is translated. */
  loop(line: number, kept: boolean, iterations = 0): void {
    const before = this.state.loops.get(line);
    const { min, max } = before?.iterations ?? { min: iterations, max: iterations };
    this.state.loops.set(line, { kept: kept && before?.kept !== false, iterations: { min: Math.min(min, iterations), max: Math.max(max, iterations) } });
  }

  call(name: string | undefined, line: number): void {
    const key = name ?? line;
    if (!this.state.inlined.has(key)) this.state.inlined.set(key, name === undefined ? { line } : { name, line });
  }

  /** Returns to the record as it is now, when a translation is abandoned (a loop tried as a loop, then unrolled). */
  checkpoint(): () => void {
    const saved = copy(this.state);
    return () => {
      this.state = saved;
    };
  }

  summary(): TranslationSummary {
    const { reassigned, branches, decided, loops, inlined } = this.state;
    const byLine = (a: number, b: number) => a - b;
    return {
      reassigned: [...reassigned],
      branches: [...branches].sort(byLine),
      decided: [...decided].filter((line) => !branches.has(line)).sort(byLine),
      loops: [...loops].map(([line, loop]) => ({ line, ...loop })).sort((a, b) => a.line - b.line),
      inlined: [...inlined.values()],
    };
  }
}
