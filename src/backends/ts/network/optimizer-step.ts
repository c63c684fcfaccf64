import type { ResolvedNetwork } from '../../../compile/network/resolved.js';
import type { Scalar, UpdateRule } from '../../../compile/network/optimizers/rule.js';
import { SCHEDULES } from '../../../compile/network/schedules/registry.js';
import { numberLiteral } from '../format.js';
import { loop } from '../tensor/loops.js';
import { scalarBlockLocal, scalarSlots } from '../tensor/kernel-scalars.js';
import { scalarCode } from './scalar-code.js';
import { updateScalars, type UpdateLoop } from '../../../lower/update-loop.js';

/** The WebAssembly kernel's name for an update loop (recorded for the module), or undefined where the TS loop runs. */
export type UpdateKernelFor = (loop: UpdateLoop) => string | undefined;

/** A parameter array, its gradient and its optimizer state, by field name. */
export interface ParamFields {
  readonly name: string;
  readonly grad: string;
  readonly size: number;
  /** Weights (not biases): AdamW's decay applies to them. */
  readonly isWeight: boolean;
  /** Not trained: step() leaves it alone (and it has no optimizer state). */
  readonly frozen: boolean;
}

const lit = numberLiteral;

/** What the step and the learning rate are printed from: a compiled network of either form. */
export interface OptimizedNetwork {
  readonly spec: Pick<ResolvedNetwork, 'optimizer' | 'clip' | 'schedule'>;
  /** The optimizer's update, hyper-parameters bound. */
  readonly update: UpdateRule;
  /** η_e as an expression of η₀ and the epoch e. */
  readonly learningRate: Scalar;
}

/** The optimizer's state arrays of one parameter (momentum, squared-gradient averages). */
export function stateFields(rule: UpdateRule, p: ParamFields): string[] {
  return rule.state.map((s) => `${s.field}_${p.name}`);
}

/**
 * The body of `step()`: one loop per parameter array with constant bounds,
 * after optional gradient clipping (by value per element, or by global norm).
 * The update of entry i is the optimizer module's rule, printed. With
 * `gradientOf`, every entry is printed (no loop) and reads its gradient from
 * that expression (a local of a fused training step) instead of the array;
 * with `thetaOf` too, θ from its local (read before the step, as a
 * hand-unrolled step does), updated in a local and stored once. With
 * `kernelFor` (θ, ∂L/∂θ and the state in the kernels' linear memory), each
 * loop runs as the WebAssembly update kernel of the same rule where it was
 * loaded, the TS loop where not (stepWithKernels).
 */
export function emitStepBody(
  c: OptimizedNetwork,
  all: readonly ParamFields[],
  gradientOf?: (p: ParamFields, k: number) => string,
  thetaOf?: (p: ParamFields, k: number) => string | undefined,
): string {
  return stepBody(c, all, gradientOf, thetaOf).code;
}

/**
 * The body of `step()` whose loops run as WebAssembly update kernels where
 * loaded: their per-step scalars (η, the step constants, t, the norm's
 * scale) written once to the kernels' scalar block after they are
 * computed, each kernel given their addresses; `scalarSlots` is how many
 * slots that takes.
 */
export function stepWithKernels(c: OptimizedNetwork, all: readonly ParamFields[], kernelFor: UpdateKernelFor): { code: string; scalarSlots: number } {
  return stepBody(c, all, undefined, undefined, kernelFor);
}

function stepBody(
  c: OptimizedNetwork,
  all: readonly ParamFields[],
  gradientOf?: (p: ParamFields, k: number) => string,
  thetaOf?: (p: ParamFields, k: number) => string | undefined,
  kernelFor?: UpdateKernelFor,
): { code: string; scalarSlots: number } {
  const { spec, update: rule } = c;
  const params = all.filter((p) => !p.frozen); // frozen arrays are not updated (nor clipped: their gradient is not computed)
  const code = (e: Parameters<typeof scalarCode>[0]) => scalarCode(e, rule, spec.optimizer.lr);
  // The rate is computed here, not fetched from learningRate(): a double returned by a call V8 does not
  // inline is boxed, a heap allocation per step.
  const lines: string[] = ['this.stepCount++;', ...rateLines(c, 'this.epoch', 'const lr =')];
  const clipNorm = spec.clip.norm;
  const clipValue = spec.clip.value;
  if (clipNorm !== undefined) {
    lines.push('// clip by global norm: g ← g · min(1, c / ||g||₂)', 'let squares = 0;');
    for (const p of params) {
      lines.push(`{ const g = this.${p.grad}; ${loop('i', p.size, (i) => `squares += g[${i}] * g[${i}];`)} }`);
    }
    lines.push(`const norm = Math.sqrt(squares);`, `const scale = norm > ${lit(clipNorm)} ? ${lit(clipNorm)} / norm : 1;`);
  }
  if (rule.constantsComment !== undefined) lines.push(`// ${rule.constantsComment}`);
  for (const k of rule.constants) lines.push(`const ${k.name} = ${code(k.value)};`);
  // every scalar an update kernel reads, written once to the scalar block (all are computed by now)
  const slots = scalarSlots();
  const scalarStores: string[] = [];
  const blocks: string[] = [];
  let usesKernels = false;
  for (const p of params) {
    const state = stateFields(rule, p);
    const locals = [`w = this.${p.name}`, ...(gradientOf ? [] : [`dw = this.${p.grad}`]), ...state.map((s, k) => `s${k} = this.${s}`)];
    let g = gradientOf ? 'GRADIENT' : 'dw[i]';
    if (clipNorm !== undefined) g = `${g} * scale`;
    const clipped = clipValue !== undefined
      ? `Math.max(${lit(-clipValue)}, Math.min(${lit(clipValue)}, ${g}))`
      : g;
    // every state's new value, then the stores, then θ's updates (weight-only ones on weights)
    const update = [
      ...rule.stateUpdates.map((u, k) => `const ${rule.state[k].symbol} = ${code(u)};`),
      ...rule.state.map((s, k) => `s${k}[i] = ${s.symbol};`),
      ...rule.thetaUpdates.filter((u) => p.isWeight || !u.weightsOnly).map((u) => `w[i] -= ${code(u.amount)};`),
    ].join(' ');
    // The rules are written for element [i]; an unrolled loop substitutes each literal index.
    const at = (text: string, i: string) => text.replaceAll('[i]', `[${i}]`);
    const entry = (i: string) => `{ const g = ${at(clipped, i)}; ${at(update, i)} }`;
    // θ from its local: θ ← θ − … on a local copy, one store
    const fromLocal = (k: number, theta: string) =>
      `{ const g = ${at(clipped, String(k))}; let theta = ${theta}; ${at(update.replaceAll('w[i]', 'theta'), String(k))} w[${k}] = theta; }`;
    const unrolled = (k: number) => {
      const theta = thetaOf?.(p, k);
      return (theta === undefined ? entry(String(k)) : fromLocal(k, theta)).replace('GRADIENT', (gradientOf as (p: ParamFields, k: number) => string)(p, k));
    };
    const tsLoop = loop('i', p.size, entry);
    const updateLoop: UpdateLoop = { rule, weights: p.isWeight, scaled: clipNorm !== undefined, ...(clipValue === undefined ? {} : { clipValue }) };
    const kernel = gradientOf ? undefined : kernelFor?.(updateLoop);
    const scalars = updateScalars(updateLoop).map((s) => (s.op === 'scale' ? 'scale' : s.op === 'constant' ? s.name : code({ op: s.op })));
    const offsets = ['w', 'dw', ...state.map((_, k) => `s${k}`)].map((a) => `${a}.byteOffset`);
    // the WebAssembly kernel where it was loaded (θ, ∂L/∂θ and the state in its memory), else the TS loop
    const wasmCall = () => {
      const { stores, addresses } = slots.pass(scalars);
      scalarStores.push(...stores);
      return `if (wasm !== undefined) wasm.${kernel}(${[p.size, ...offsets, ...addresses].join(', ')});\nelse {\n${tsLoop}\n}`;
    };
    const entries = gradientOf ? Array.from({ length: p.size }, (_, k) => unrolled(k)).join('\n') : kernel === undefined ? tsLoop : wasmCall();
    if (kernel !== undefined) usesKernels = true;
    blocks.push(`{ // ${p.name}: ${rule.summary}`, `const ${locals.join(', ')};`, entries, '}');
  }
  const [count, ...rest] = lines;
  const scalarLines = slots.count > 0 ? [scalarBlockLocal(), ...scalarStores] : [];
  const body = [count, ...(usesKernels ? ['const wasm = this.wasm;'] : []), ...rest, ...scalarLines, ...blocks];
  return { code: body.join('\n'), scalarSlots: slots.count };
}

/** `baseLearningRate(epoch)`: the spec's learning rate under its schedule. */
export function emitLearningRate(c: OptimizedNetwork): string {
  return rateLines(c, 'epoch', 'return').join('\n');
}

/** Whether the schedule's rate depends on the epoch (a constant rate does not). */
export function rateUsesEpoch(c: OptimizedNetwork): boolean {
  return /\bepoch\b/.test(scalarCode(c.learningRate, undefined, c.spec.optimizer.lr));
}

/** `<target> η_e;` under the schedule's comment, the epoch read from `epoch` (declared from it when another name). */
function rateLines(c: OptimizedNetwork, epoch: string, target: string): string[] {
  const rate = `${target} ${scalarCode(c.learningRate, undefined, c.spec.optimizer.lr)};`;
  const comment = SCHEDULES[c.spec.schedule.kind].comment;
  const load = epoch !== 'epoch' && rateUsesEpoch(c) ? [`const epoch = ${epoch};`] : [];
  return [...(comment === '' ? [] : [`// ${comment}`]), ...load, rate];
}
