import { bufferOf, kernelMembers, type MemoryArray } from './linear-memory.js';
import { KERNEL_SCALARS } from '../tensor/kernel-scalars.js';

/** A Float64Array field of a sequence trainer: its length per example row (batched), per stored step too, or fixed. */
export interface SequenceArray {
  readonly name: string;
  readonly length: number;
  readonly per: 'fixed' | 'row' | 'stored step' | 'stored state';
}

/** How many of the whole lengths an array takes for `rows` rows and `stored` stored steps, as code. */
function countOf(a: SequenceArray, rows: string, stored: string): string {
  switch (a.per) {
    case 'fixed': return '1';
    case 'row': return rows;
    case 'stored step': return `${rows} * ${stored}`;
    case 'stored state': return `${rows} * (${stored} + 1)`;
  }
}

/** The arrays of a sequence trainer in linear memory: the parameters θ with their ∂L/∂θ, the optimizer state, then every other array. */
export interface SequenceMemoryArrays {
  readonly params: readonly { readonly name: string; readonly grad: string; readonly size: number }[];
  /** The optimizer's state arrays (the update kernels read and write them). */
  readonly state: readonly MemoryArray[];
  readonly arrays: readonly SequenceArray[];
  /** f64 slots of the kernels' scalar block (step()'s η, step constants, clipping scale: tensor/kernel-scalars.ts); 0: no block. */
  readonly scalars: number;
}

/**
 * The members of a sequence trainer whose arrays are Float64Array views into
 * the WebAssembly kernels' linear memory (an ArrayBuffer where they do not
 * run): θ, ∂L/∂θ, the optimizer state and the fixed-size arrays (a step's
 * ∂L/∂θ term, fixed workspace) first, at constant offsets, and the kernels'
 * scalar block after them; then the per-row arrays, the
 * stored steps (rows × window) and the stored states (rows × (window + 1)),
 * placed for the capacity in rows and steps. ensureCapacity grows the memory
 * and remakes every view when a batch has more rows or a longer window
 * (outside the hot path). The same constructor and backend choice as the
 * feedforward trainers (linear-memory.ts).
 */
export function sequenceMemoryMembers(className: string, memory: SequenceMemoryArrays, window: string): string {
  const fixed = [
    ...memory.params.flatMap((p) => [{ name: p.name, length: p.size, per: 'fixed' as const }, { name: p.grad, length: p.size, per: 'fixed' as const }]),
    ...memory.state.map((a) => ({ ...a, per: 'fixed' as const })),
    ...memory.arrays.filter((a) => a.per === 'fixed'),
    // the scalar block, last of the fixed arrays (a Float64Array in linear memory like the others)
    ...(memory.scalars > 0 ? [{ name: KERNEL_SCALARS.field, length: memory.scalars, per: 'fixed' as const }] : []),
  ];
  const grown = memory.arrays.filter((a) => a.per !== 'fixed');
  const fixedBytes = fixed.reduce((s, a) => s + 8 * a.length, 0);
  const bytesPer = (per: SequenceArray['per']) => grown.filter((a) => a.per === per).reduce((s, a) => s + 8 * a.length, 0);
  const bytes = `${fixedBytes} + rows * (${bytesPer('row')} + stored * ${bytesPer('stored step')} + (stored + 1) * ${bytesPer('stored state')})`;
  const pages = Math.max(1, Math.ceil(fixedBytes / 65536));
  const isParam = new Set(memory.params.flatMap((p) => [p.name, p.grad]));
  return `
  // Parameters θ, gradients ∂L/∂θ, optimizer state and the arrays of the step programs: Float64Array views into the WebAssembly
  // kernels' linear memory (an ArrayBuffer where they do not run), remade when a batch needs more rows or steps
${[...fixed, ...grown].map((a) => `  ${isParam.has(a.name) ? '' : 'private '}${a.name} = new Float64Array(0);`).join('\n')}
  params: Float64Array[] = [];
  grads: Float64Array[] = [];
${kernelMembers(className, pages, 'this.layOut(0, 0);', `  private capacity = 0;
  private capacitySteps = 0;`)}

  protected ensureCapacity(n: number): void {
    const T = this.sequenceLength;
    if (T > this.stateGradientNorms.length) this.stateGradientNorms = new Float64Array(T);
    const steps = ${window};
    if (n <= this.capacity && steps <= this.capacitySteps) return;
    this.capacity = Math.max(n, this.capacity);
    this.capacitySteps = Math.max(steps, this.capacitySteps);
    this.layOut(this.capacity, this.capacitySteps);
  }

  /** Places the arrays for \`rows\` sequences of \`stored\` stored steps, growing the buffer, and remakes the views. */
  private layOut(rows: number, stored: number): void {
${bufferOf(bytes, fixedBytes, 'θ, ∂L/∂θ and the optimizer state')}
    let at = 0;
${[...fixed, ...grown].map((a) => {
    const count = countOf(a, 'rows', 'stored');
    const length = count === '1' ? `${a.length}` : `${count} * ${a.length}`;
    return `    this.${a.name} = new Float64Array(buffer, at, ${length});\n    at += 8 * ${length};`;
  }).join('\n')}
    this.params = [${memory.params.map((p) => `this.${p.name}`).join(', ')}];
    this.grads = [${memory.params.map((p) => `this.${p.grad}`).join(', ')}];
  }
`;
}

/** The bytes of the stored steps for n sequences and \`stored\` steps (bpttMemoryBytes), as code. */
export function storedBytes(arrays: readonly SequenceArray[]): string {
  const sum = (per: SequenceArray['per']) => arrays.filter((a) => a.per === per).reduce((s, a) => s + a.length, 0);
  return `8 * n * (${sum('stored state')} * (stored + 1) + ${sum('stored step')} * stored)`;
}
