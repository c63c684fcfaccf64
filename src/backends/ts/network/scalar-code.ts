import type { Scalar, UpdateRule } from '../../../compile/network/optimizers/rule.js';
import { numberLiteral } from '../format.js';

/** How the per-entry names read in code: the entry w[i], state s0[i], …; `[i]` is replaced when a loop is unrolled. */
const ATOMS: Readonly<Record<'g' | 'theta' | 'lr' | 't' | 'epoch', string>> = {
  g: 'g', theta: 'w[i]', lr: 'lr', t: 'this.stepCount', epoch: 'epoch',
};

const PRECEDENCE = { add: 1, sub: 1, mul: 2, div: 2 } as const;

/**
 * An update-rule expression as TypeScript, parenthesized to keep the tree
 * (so the code performs the operations the notes' numbers were computed with).
 */
export function scalarCode(e: Scalar, rule: UpdateRule | undefined, lr0: number): string {
  const code = (x: Scalar) => scalarCode(x, rule, lr0);
  switch (e.op) {
    case 'num':
    case 'hyper':
      return numberLiteral(e.value);
    case 'lr0':
      return numberLiteral(lr0);
    case 'g':
    case 'theta':
    case 'lr':
    case 't':
    case 'epoch':
      return ATOMS[e.op];
    case 'state':
      return `s${e.index}[i]`;
    case 'updated':
      return rule === undefined ? '?' : rule.state[e.index].symbol;
    case 'constant':
      return e.name;
    case 'named':
      return code(e.value);
    case 'pow':
      return `Math.pow(${code(e.a)}, ${code(e.b)})`;
    case 'sqrt':
      return `Math.sqrt(${code(e.a)})`;
    case 'floor':
      return `Math.floor(${code(e.a)})`;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const p = PRECEDENCE[e.op];
      const side = (operand: Scalar, right: boolean) => {
        const x = operand.op === 'named' ? operand.value : operand; // printed inline: its own precedence
        const q = x.op in PRECEDENCE ? PRECEDENCE[x.op as keyof typeof PRECEDENCE] : 3;
        return q < p || (right && q === p) ? `(${code(x)})` : code(x);
      };
      const sign = { add: '+', sub: '-', mul: '*', div: '/' }[e.op];
      return `${side(e.a, false)} ${sign} ${side(e.b, true)}`;
    }
  }
}
