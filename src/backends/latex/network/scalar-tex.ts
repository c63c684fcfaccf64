import { type Scalar, type UpdateRule, namedQuantities } from '../../../compile/network/optimizers/rule.js';
import { texNumber } from '../tex-print.js';

/** How an update rule's expressions read in the notes. */
export interface TexStyle {
  /**
   * Hyper-parameters as their values instead of their symbols: each value
   * printed by this (the writer's `given`, which records it for the
   * companion under the hyper-parameter's symbol); undefined: as symbols.
   */
  readonly numbers?: (value: number, label: string) => string;
  /** The learning rate: η_e, or its value. */
  readonly eta: string;
  /** η₀ (schedules): its symbol or value. */
  readonly eta0: string;
  readonly rule?: UpdateRule;
  /** Products: thin space (update rules), · (schedules), × (an update with its numbers substituted). */
  readonly times: 'space' | 'cdot' | 'numbers';
  /** Numbers substituted for one entry's g, θ and state (before and after the step): a worked update line. */
  readonly entry?: {
    readonly g: string;
    readonly theta: string;
    readonly state: readonly string[];
    readonly updated: readonly string[];
    /** The step count t, and the named quantities' numbers (m̂, v̂), when the rule reads them. */
    readonly t?: string;
    readonly named?: ReadonlyMap<string, string>;
  };
}

const ATOMS = { g: 'g', theta: '\\theta', t: 't', epoch: 'e' } as const;

/** The expression reads only constants and hyper-parameters (1 − β), not per-entry quantities. */
function isCoefficient(e: Scalar): boolean {
  switch (e.op) {
    case 'num':
    case 'hyper':
      return true;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      return isCoefficient(e.a) && isCoefficient(e.b);
    default:
      return false;
  }
}

/** The factors of a product chain, with a repeated factor as a square: (1 − ρ) g g → [(1 − ρ), g²]. */
function factors(e: Scalar): Scalar[] {
  return e.op === 'mul' ? [...factors(e.a), ...factors(e.b)] : [e];
}

function stateSymbol(style: TexStyle, index: number): string {
  const symbol = style.rule?.state[index]?.symbol;
  if (symbol === undefined) throw new Error(`scalarTex: state ${index} read without an update rule that has it`);
  return symbol;
}

/**
 * An update-rule expression as TeX: a product as `a\, b` (a sum in it
 * parenthesized), a quotient as \frac, a named quantity (m̂) by its name,
 * a step constant (1 − β₁ᵗ) written out.
 */
export function scalarTex(e: Scalar, style: TexStyle): string {
  const tex = (x: Scalar) => scalarTex(x, style);
  switch (e.op) {
    case 'num':
      return texNumber(e.value);
    case 'hyper':
      return style.numbers ? style.numbers(e.value, e.tex) : e.tex;
    case 'lr':
      return style.eta;
    case 'lr0':
      return style.eta0;
    case 'g':
    case 'theta':
      return style.entry?.[e.op] ?? ATOMS[e.op];
    case 't':
      return style.entry?.t ?? ATOMS.t;
    case 'epoch':
      return ATOMS[e.op];
    case 'state':
      return style.entry?.state[e.index] ?? stateSymbol(style, e.index);
    case 'updated':
      return style.entry?.updated[e.index] ?? stateSymbol(style, e.index);
    case 'constant': {
      const value = style.rule?.constants.find((k) => k.name === e.name)?.value;
      return value === undefined ? e.name : tex(value);
    }
    case 'named':
      return style.entry?.named?.get(e.tex) ?? e.tex;
    case 'add':
      return `${tex(e.a)} + ${tex(e.b)}`;
    case 'sub':
      return `${tex(e.a)} - ${e.b.op === 'add' || e.b.op === 'sub' ? `\\left(${tex(e.b)}\\right)` : tex(e.b)}`;
    case 'div':
      return style.times === 'cdot' ? `${tex(e.a)} / ${tex(e.b)}` : `\\frac{${tex(e.a)}}{${tex(e.b)}}`;
    case 'pow':
      return `${tex(e.a)}^{${tex(e.b)}}`;
    case 'sqrt':
      return `\\sqrt{${tex(e.a)}}`;
    case 'floor':
      return `\\lfloor ${tex(e.a)} \\rfloor`;
    case 'mul': {
      const parts: string[] = [];
      const list = factors(e);
      for (let k = 0; k < list.length; k++) {
        const f = list[k];
        let count = 1;
        while (k + 1 < list.length && JSON.stringify(list[k + 1]) === JSON.stringify(f) && f.op !== 'num' && f.op !== 'hyper') {
          count++;
          k++;
        }
        const sum = f.op === 'add' || f.op === 'sub';
        // (1 − ρ) in symbols; \left( \right) around numbers and around sums of per-entry quantities
        const body = !sum ? tex(f) : isCoefficient(f) && style.numbers === undefined ? `(${tex(f)})` : `\\left(${tex(f)}\\right)`;
        parts.push(count > 1 ? `${body}^{${count}}` : body);
      }
      const sep = style.times === 'cdot' ? ' \\cdot ' : style.times === 'numbers' ? ' \\times ' : '\\, ';
      return parts.reduce((text, part) => `${text}${part.startsWith('\\left(') && style.times === 'space' ? ' ' : sep}${part}`);
    }
  }
}

/**
 * The update of one parameter entry θ with gradient g, as align rows: each
 * state's new value, the named quantities (m̂, v̂) on one row, then θ's updates.
 */
export function updateRows(rule: UpdateRule, style: TexStyle): string[] {
  const s = { ...style, rule };
  const rows = rule.stateUpdates.map((u, k) => `${rule.state[k].symbol} &\\leftarrow ${scalarTex(u, s)}`);
  const named = namedQuantities(rule);
  if (named.length > 0) {
    rows.push(named.map((q, k) => `${q.tex} ${k === 0 ? '&' : ''}= ${scalarTex(q.value, s)}`).join(', \\qquad '));
  }
  for (const u of rule.thetaUpdates) {
    rows.push(`\\theta &\\leftarrow \\theta - ${scalarTex(u.amount, s)}${u.weightsOnly ? ' \\qquad \\text{(weights only)}' : ''}`);
  }
  return rows;
}
