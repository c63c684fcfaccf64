import type { NodeId } from '../../../ir/graph.js';
import type { CompiledSequenceNetwork } from '../../../compile/network/compile-sequence.js';
import type { NetworkGraph } from '../../../compile/network/build-graph.js';
import { emitProgram, type Program, type ProgramWasm } from '../tensor/program.js';
import type { Workspace } from '../../../lower/workspace.js';
import type { HelperNames } from '../helper-names.js';

/** Field names of the arrays a sequence trainer moves between its programs (besides parameters and gradients). */
export const SEQUENCE_FIELDS = {
  /** x_t, batch × F. */
  input: 'x_t',
  /** y_t and the head's outputs at one step (many-to-many). */
  target: 'y_t',
  output: 'out_t',
  /** ∂ℓ_t/∂h_t from the head. */
  headSeed: 'E',
  prev: (state: string) => `${state}_prev`,
  /** Every stored step of a state: (window + 1) × batch × units. */
  store: (name: string) => `${name}_store`,
  /** ∂L/∂s_t arriving at a step (G_s), and ∂L/∂s_{t−1} the reverse step hands back. */
  seed: (state: string) => `G_${state}`,
  previousAdjoint: (state: string) => `d_${state}`,
  /** A saved node's value at the current step. */
  saved: (k: number) => `saved${k}`,
  /** One step's term of ∂L/∂θ. */
  stepGradient: (param: string) => `g_${param}`,
  gradient: (param: string) => `dL_d${param}`,
};
const F = SEQUENCE_FIELDS;

/** One program of a sequence trainer, printed as a method of the class. */
export interface SequenceProgram {
  readonly program: Program;
  /** Names bound by the program: fields, except the method's parameters (n, Y, out) and invN. */
  readonly names: readonly string[];
}

/**
 * The six programs of a sequence trainer, each over the caller's n rows:
 * the forward step (training: states and saved values; inference: states),
 * the reverse step, and the head's training, prediction and evaluation on
 * one step's top state. They never run at the same time: one workspace.
 */
export function sequencePrograms(c: CompiledSequenceNetwork, workspace: Workspace, wasm?: ProgramWasm, helpers?: HelperNames) {
  const { step, stepGradient, head, headGradient } = c;
  const stepInputs = new Map<NodeId, string>([[step.x, F.input]]);
  step.params.forEach((id, i) => stepInputs.set(id, step.paramNames[i]));
  step.states.forEach((s) => stepInputs.set(s.prev, F.prev(s.name)));
  const nextStates = new Map(step.states.map((s) => [s.next, s.name]));
  const saved = new Map(step.saved.map((id, k) => [id, F.saved(k)]));

  const reverseInputs = new Map([...stepInputs, ...nextStates, ...saved]);
  stepGradient.seeds.forEach((id, k) => reverseInputs.set(id, F.seed(step.states[k].name)));
  const reverseOutputs = new Map<NodeId, string>();
  stepGradient.params.forEach((id, i) => reverseOutputs.set(id, F.stepGradient(step.paramNames[i])));
  stepGradient.previous.forEach((id, k) => reverseOutputs.set(id, F.previousAdjoint(step.states[k].name)));

  const topName = step.states[0] && (nextStates.get(step.top) as string);
  const headInputs = (net: NetworkGraph) => {
    const inputs = new Map<NodeId, string>([[net.X, topName], [net.Y, 'Y'], [net.invN, 'invN']]);
    net.params.forEach((id, i) => inputs.set(id, net.paramNames[i]));
    return inputs;
  };
  const headGradients = new Map<NodeId, string>();
  const headParams = head.params.length;
  headGradient.gradient.slice(0, headParams).forEach((id, i) => {
    const name = head.paramNames[i];
    headGradients.set(id, c.spec.returnSequences ? F.stepGradient(name) : F.gradient(name));
  });
  headGradients.set(headGradient.gradient[headParams], F.headSeed);
  const prediction = head.layers[head.layers.length - 1].a;
  if (reverseOutputs.size !== step.params.length + step.states.length || headGradients.size !== headParams + 1) {
    throw new Error(`sequence trainer ${c.name}: two gradients are one node; each needs its own array`);
  }

  const program = (spec: Parameters<typeof emitProgram>[0]): SequenceProgram => {
    checkWrittenOutputs(spec);
    const names = [...spec.inputs.values(), ...spec.outputs.values()].filter((name) => !['n', 'Y', 'out', 'invN'].includes(name));
    return { program: emitProgram({ ...spec, ...(wasm === undefined ? {} : { wasm }), ...(helpers === undefined ? {} : { helpers }) }), names: [...new Set(names)] };
  };
  return {
    forwardStep: program({
      graph: step.graph, roots: [...nextStates.keys(), ...saved.keys()], inputs: stepInputs,
      outputs: new Map([...nextStates, ...saved]), workspace,
    }),
    inferStep: program({ graph: step.graph, roots: [...nextStates.keys()], inputs: stepInputs, outputs: nextStates, workspace }),
    reverseStep: program({
      graph: stepGradient.gradient.graph, roots: [...reverseOutputs.keys()], inputs: reverseInputs, outputs: reverseOutputs, workspace,
    }),
    headTrain: program({
      graph: headGradient.graph, roots: [head.loss, ...headGradients.keys()], inputs: headInputs(head), outputs: headGradients, workspace,
    }),
    headPredict: program({
      graph: head.graph, roots: [prediction], inputs: headInputs(head), outputs: new Map([[prediction, 'out']]), workspace,
    }),
    headEvaluate: program({
      graph: head.graph, roots: [head.dataLoss, prediction], inputs: headInputs(head), outputs: new Map([[prediction, 'out']]), workspace,
    }),
  };
}

/**
 * Every output of a program is an array it writes, one node per output:
 * a constant or input node (a gradient that is identically 0, or a state
 * passed through unchanged) would leave its array unwritten.
 */
function checkWrittenOutputs(spec: Parameters<typeof emitProgram>[0]): void {
  for (const [id, name] of spec.outputs) {
    const op = spec.graph.node(id).op;
    if (op === 'const' || op === 'var' || spec.inputs.has(id)) {
      throw new Error(`sequence trainer: output ${name} is %${id} (${op}), which the program would not write`);
    }
  }
}

/** A program as a method body: the fields it reads or writes loaded into locals (only those used: noUnusedLocals), then its statements. */
export function methodBody({ program, names }: SequenceProgram): string {
  const used = (name: string) => program.statements.some((s) => new RegExp(`\\b${name}\\b`).test(s));
  const loads = [...names.filter(used), ...program.buffers.map((b) => b.name)].map((name) => `const ${name} = this.${name};`);
  const invN = used('invN') ? ['const invN = this.lossScale;'] : [];
  const wasm = program.statements.some((s) => s.startsWith('if (wasm !== undefined)')) ? ['const wasm = this.wasm;'] : [];
  return [...invN, ...wasm, ...loads, ...program.statements].join('\n');
}
