import type { NodeId } from '../../../ir/graph.js';
import type { HelperName } from '../op-forms.js';
import type { CompiledNetwork } from '../../../compile/network/compile-network.js';
import type { NetworkGraph } from '../../../compile/network/build-graph.js';
import { emitProgram, type Program } from '../tensor/program.js';
import { Workspace } from '../../../lower/workspace.js';
import { numberLiteral } from '../format.js';
import { layerSizes, type ParameterSlot } from '../../../compile/network/parameter-layout.js';
import { emitLearningRate, emitStepBody, type ParamFields, rateUsesEpoch, stateFields } from './optimizer-step.js';

/** Generated code for one network: a subclass of the NetworkTrainer template. */
export interface NetworkCode {
  readonly classSource: string;
  readonly kernels: ReadonlyMap<string, string>;
  readonly helpers: ReadonlySet<HelperName>;
}

/**
 * The three programs a trainer runs, each over the caller's n rows. They never
 * run at the same time, so they draw from one workspace.
 */
export function trainerPrograms(c: CompiledNetwork, workspace: Workspace) {
  const { train, gradient, inference } = c;
  const gradNames = new Map<NodeId, string>();
  gradient.gradient.forEach((id, i) => gradNames.set(id, `dL_d${train.paramNames[i]}`));
  const last = (net: NetworkGraph) => net.layers[net.layers.length - 1].a;
  return {
    // L and ∂L/∂θ for a batch (with dropout masks)
    train: emitProgram({
      graph: gradient.graph,
      roots: [train.loss, ...gradient.gradient],
      ...bindings(train),
      outputs: gradNames,
      workspace,
    }),
    // network outputs for a batch
    predict: emitProgram({
      graph: inference.graph,
      roots: [last(inference)],
      ...bindings(inference),
      outputs: new Map([[last(inference), 'out']]),
      workspace,
    }),
    // data loss and outputs (no penalties, no dropout)
    evaluate: emitProgram({
      graph: inference.graph,
      roots: [inference.dataLoss, last(inference)],
      ...bindings(inference),
      outputs: new Map([[last(inference), 'out']]),
      workspace,
    }),
  };
}

/** Variables → code: X, Y, out are arguments; parameters and masks are locals copied from fields. */
function bindings(net: NetworkGraph) {
  const inputs = new Map<NodeId, string>();
  inputs.set(net.X, 'X');
  inputs.set(net.Y, 'Y');
  inputs.set(net.invN, 'invN');
  net.params.forEach((id, i) => inputs.set(id, net.paramNames[i]));
  net.layers.forEach((l, i) => {
    if (l.mask !== undefined) inputs.set(l.mask, `M${i + 1}`);
  });
  return { inputs };
}

export function emitNetworkClass(c: CompiledNetwork): NetworkCode {
  const { spec, train, update } = c;
  const learningRate = emitLearningRate(c);
  const workspace = new Workspace();
  const p = trainerPrograms(c, workspace);
  const sizes = layerSizes(spec);
  const params: ParamFields[] = c.layout.map((q) => ({ name: q.name, grad: `dL_d${q.name}`, size: q.size, isWeight: q.role === 'weight' }));
  const masks = spec.layers.flatMap((l, i) => (l.options.dropout > 0 ? [{ name: `M${i + 1}`, units: l.units, rate: l.options.dropout }] : []));
  const batched = [...workspace.slots.filter((b) => b.batched), ...masks.map((m) => ({ name: m.name, length: m.units }))];
  const fixed = workspace.slots.filter((b) => !b.batched);
  const state = params.flatMap((q) => stateFields(update, q).map((s) => ({ name: s, size: q.size })));
  const task = spec.loss === 'bce' ? 'binary' : spec.loss === 'cce' ? 'multiclass' : 'regression';
  const init = spec.init;
  const paramLocals = `const ${params.map((q) => `${q.name} = this.${q.name}`).join(', ')};`;

  const classSource = `
/**
 * ${c.name}: ${sizes.join('-')} network (${spec.layers.map((l) => l.activation).join(', ')}), loss ${spec.loss}, optimizer ${spec.optimizer.kind}.
 * W^l is units × inputs (row-major), so z^l = a^{l-1} (W^l)ᵀ + b^l with examples as rows.
 */
export class ${c.name} extends NetworkTrainer {
  readonly modelName = ${JSON.stringify(c.name)};
  readonly inputSize = ${spec.inputs};
  readonly outputSize = ${sizes[sizes.length - 1]};
  readonly task = ${JSON.stringify(task)};
  readonly layerSizes: readonly number[] = [${sizes.join(', ')}];
  readonly initKind = ${JSON.stringify(init.kind)};
  readonly initDistribution = ${JSON.stringify(init.distribution)};
  readonly seed = ${init.seed};
  readonly defaultBatchSize: number | 'full' = ${JSON.stringify(spec.optimizer.batchSize)};
  readonly standardizeInputs = ${spec.standardize};

  // Parameters θ (the notes' W^l, b^l) and gradients ∂L/∂θ
${params.map((q) => `  readonly ${q.name} = new Float64Array(${q.size});\n  readonly ${q.grad} = new Float64Array(${q.size});`).join('\n')}
  readonly params: readonly Float64Array[] = [${params.map((q) => `this.${q.name}`).join(', ')}];
  readonly grads: readonly Float64Array[] = [${params.map((q) => `this.${q.grad}`).join(', ')}];
  readonly paramNames: readonly string[] = [${params.map((q) => JSON.stringify(q.name)).join(', ')}];
  readonly parameterLayout: readonly ParameterInfo[] = [
${c.layout.map((q) => `    ${parameterInfo(q)},`).join('\n')}
  ];

  // Optimizer state
${state.map((s) => `  private readonly ${s.name} = new Float64Array(${s.size});`).join('\n')}

  // Workspace, shared by lossAndGradient, forwardBatch and dataLoss (a tensor holds a slot from its statement to its last use):
  // fixed-size arrays, and per-example arrays grown by ensureCapacity (never in the hot path once sized)
${fixed.map((b) => `  private readonly ${b.name} = new Float64Array(${b.length});`).join('\n')}
  private capacity = 0;
${batched.map((b) => `  private ${b.name} = new Float64Array(0);`).join('\n')}

  constructor(seed?: number) {
    super();
    this.initialize(seed ?? this.seed);
  }

  protected ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
${batched.map((b) => `    this.${b.name} = new Float64Array(n * ${b.length});`).join('\n')}
  }

  /** L (into lastLoss) and ∂L/∂θ for n examples (rows of X, Y): the forward pass, then the backward pass of the notes. */
  protected computeLossAndGradient(X: Float64Array, Y: Float64Array, n: number): void {
    this.ensureCapacity(n);
    ${paramLocals}
    const ${params.map((q) => `${q.grad} = this.${q.grad}`).join(', ')};
${masks.map((m) => `    // inverted dropout on a^${m.name.slice(1)}: keep with probability ${1 - m.rate}, scaled by 1 / keep
    const ${m.name} = this.${m.name};
    this.fillDropoutMask(${m.name}, n * ${m.units}, ${numberLiteral(1 - m.rate)}, ${numberLiteral(1 / (1 - m.rate))});`).join('\n')}
${programBody(p.train)}
    this.lastLoss = ${p.train.reference(train.loss)};
  }

  /** Network outputs for n examples given as the network sees them (standardized), no dropout. */
  protected forwardBatch(X: Float64Array, n: number, out: Float64Array): void {
    this.ensureCapacity(n);
    ${paramLocals}
${programBody(p.predict)}
  }

  /** Data loss (no penalties, no dropout) for n examples; writes the outputs to out. */
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number {
    this.ensureCapacity(n);
    ${paramLocals}
${programBody(p.evaluate)}
    return ${p.evaluate.reference(c.inference.dataLoss)};
  }

  /** One optimizer update from the gradients. */
  step(): void {
${emitStepBody(c, params)}
  }

  baseLearningRate(${rateUsesEpoch(c) ? 'epoch' : '_epoch'}: number): number {
    ${learningRate}
  }

  protected resetOptimizerState(): void {
${state.map((s) => `    this.${s.name}.fill(0);`).join('\n')}
  }
}
`;
  const kernels = new Map([...p.train.kernels, ...p.predict.kernels, ...p.evaluate.kernels]);
  const helpers = new Set([...p.train.helpers, ...p.predict.helpers, ...p.evaluate.helpers]);
  return { classSource, kernels, helpers };
}

/** One entry of the emitted parameterLayout (the template's ParameterInfo). */
function parameterInfo(q: ParameterSlot): string {
  const { name, layer, role, shape, fanIn, fanOut } = q;
  return JSON.stringify({ name, layer, role, shape, fanIn, fanOut });
}

/** A program's statements, with its workspace arrays loaded into locals first. */
function programBody(program: Program): string {
  // program.buffers is workspace only: outputs (gradients, `out`) come in as locals or arguments.
  const loads = program.buffers.map((b) => `const ${b.name} = this.${b.name};`);
  const usesInvN = program.statements.some((s) => /\binvN\b/.test(s)); // declared only where read (noUnusedLocals)
  return [...(usesInvN ? ['const invN = 1 / n;'] : []), ...loads, ...program.statements].join('\n');
}
