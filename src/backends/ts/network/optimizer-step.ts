import type { NetworkSpec } from '../../../dsl/network.js';
import { numberLiteral } from '../format.js';
import { loop } from '../tensor/loops.js';

/** A parameter array, its gradient and its optimizer state, by field name. */
export interface ParamFields {
  readonly name: string;
  readonly grad: string;
  readonly size: number;
  /** Weights (not biases): AdamW's decay applies to them. */
  readonly isWeight: boolean;
}

const lit = numberLiteral;

/** The optimizer's state arrays per parameter (momentum, squared-gradient averages). */
export function stateFields(spec: NetworkSpec, p: ParamFields): string[] {
  const o = spec.optimizer;
  switch (o.kind) {
    case 'sgd':
      return (o.momentum ?? 0) > 0 ? [`velocity_${p.name}`] : [];
    case 'rmsprop':
      return [`meanSquare_${p.name}`];
    case 'adam':
    case 'adamw':
      return [`m_${p.name}`, `v_${p.name}`];
  }
}

/**
 * The body of `step()`: one loop per parameter array with constant bounds,
 * after optional gradient clipping (by value per element, or by global norm).
 */
export function emitStepBody(spec: NetworkSpec, params: readonly ParamFields[]): string {
  const o = spec.optimizer;
  const lines: string[] = ['this.stepCount++;', 'const lr = this.learningRate();'];
  const clipNorm = spec.clip?.norm;
  const clipValue = spec.clip?.value;
  if (clipNorm !== undefined) {
    lines.push('// clip by global norm: g ← g · min(1, c / ||g||₂)', 'let squares = 0;');
    for (const p of params) {
      lines.push(`{ const g = this.${p.grad}; ${loop('i', p.size, (i) => `squares += g[${i}] * g[${i}];`)} }`);
    }
    lines.push(`const norm = Math.sqrt(squares);`, `const scale = norm > ${lit(clipNorm)} ? ${lit(clipNorm)} / norm : 1;`);
  }
  if (o.kind === 'adam' || o.kind === 'adamw') {
    const b1 = o.beta1 ?? 0.9;
    const b2 = o.beta2 ?? 0.999;
    lines.push(
      '// bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ',
      `const c1 = 1 - Math.pow(${lit(b1)}, this.stepCount);`,
      `const c2 = 1 - Math.pow(${lit(b2)}, this.stepCount);`,
    );
  }
  for (const p of params) {
    const state = stateFields(spec, p);
    const locals = [`w = this.${p.name}`, `dw = this.${p.grad}`, ...state.map((s, k) => `s${k} = this.${s}`)];
    let g = 'dw[i]';
    if (clipNorm !== undefined) g = `${g} * scale`;
    const clipped = clipValue !== undefined
      ? `Math.max(${lit(-clipValue)}, Math.min(${lit(clipValue)}, ${g}))`
      : g;
    const update = updateRule(spec, p);
    // The rules are written for element [i]; an unrolled loop substitutes each literal index.
    const at = (code: string, i: string) => code.replaceAll('[i]', `[${i}]`);
    lines.push(`{ // ${p.name}: ${describeRule(spec)}`, `const ${locals.join(', ')};`,
      loop('i', p.size, (i) => `{ const g = ${at(clipped, i)}; ${at(update, i)} }`), '}');
  }
  return lines.join('\n');
}

/** The update of w[i] from its gradient g (and state s0, s1). */
function updateRule(spec: NetworkSpec, p: ParamFields): string {
  const o = spec.optimizer;
  switch (o.kind) {
    case 'sgd': {
      const mu = o.momentum ?? 0;
      if (mu === 0) return 'w[i] -= lr * g;';
      if (o.nesterov) return `const v = ${lit(mu)} * s0[i] + g; s0[i] = v; w[i] -= lr * (g + ${lit(mu)} * v);`;
      return `const v = ${lit(mu)} * s0[i] + g; s0[i] = v; w[i] -= lr * v;`;
    }
    case 'rmsprop': {
      const rho = o.rho ?? 0.9;
      const eps = o.epsilon ?? 1e-8;
      return `const s = ${lit(rho)} * s0[i] + (1 - ${lit(rho)}) * g * g; s0[i] = s; w[i] -= (lr * g) / (Math.sqrt(s) + ${lit(eps)});`;
    }
    case 'adam':
    case 'adamw': {
      const b1 = o.beta1 ?? 0.9;
      const b2 = o.beta2 ?? 0.999;
      const eps = o.epsilon ?? 1e-8;
      const decay = o.kind === 'adamw' && p.isWeight && (o.weightDecay ?? 0.01) > 0
        ? ` w[i] -= lr * ${lit(o.weightDecay ?? 0.01)} * w[i];`
        : '';
      return `const m = ${lit(b1)} * s0[i] + (1 - ${lit(b1)}) * g; const v = ${lit(b2)} * s1[i] + (1 - ${lit(b2)}) * g * g; s0[i] = m; s1[i] = v;${decay} w[i] -= (lr * (m / c1)) / (Math.sqrt(v / c2) + ${lit(eps)});`;
    }
  }
}

function describeRule(spec: NetworkSpec): string {
  const o = spec.optimizer;
  switch (o.kind) {
    case 'sgd':
      if ((o.momentum ?? 0) === 0) return 'w ← w − η g';
      return o.nesterov ? 'v ← μv + g, w ← w − η(g + μv) (Nesterov)' : 'v ← μv + g, w ← w − ηv';
    case 'rmsprop':
      return 's ← ρs + (1−ρ)g², w ← w − η g / (√s + ε)';
    case 'adam':
      return 'Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η m̂ / (√v̂ + ε)';
    case 'adamw':
      return 'AdamW: Adam with decoupled weight decay w ← w − ηλw';
  }
}

/** `baseLearningRate(epoch)`: the spec's learning rate under its schedule. */
export function emitLearningRate(spec: NetworkSpec): string {
  const lr = lit(spec.optimizer.lr);
  const s = spec.schedule;
  if (!s) return `return ${lr};`;
  if (s.kind === 'step') return `// step decay: η₀ · factor^⌊epoch / every⌋\nreturn ${lr} * Math.pow(${lit(s.factor)}, Math.floor(epoch / ${lit(s.every)}));`;
  return `// exponential decay: η₀ · rate^epoch\nreturn ${lr} * Math.pow(${lit(s.rate)}, epoch);`;
}
