// Issue 10: the generated code adapts its names to the user's instead of
// refusing them. A helper (softplus, the row math's POWERS_OF_TWO and
// EXP_SCALES) takes another name where an export, a variable or a parameter
// takes its own; a template's names are taken only in a module that includes
// the template. Each module below was refused before ("clashes with generated
// code", "is used by the generated code", "is a function, used here as a variable").
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, type CompiledFunctions } from './helpers/function-model.js';
import { typeCheck } from './helpers/generated-module.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import type { TrainerClass } from './helpers/network-module.js';

const header = "import { differentiable, expr, network, dense } from 'nncompile';";
const compile = (body: string) => compileFunctions(`${header}\n${body}\n`);
const file = (c: CompiledFunctions, ext: string) => c.compiled.files.find((f) => f.name.endsWith(ext))?.content ?? '';

/** The generated value equals `original`, the gradient its central differences, the Hessian (if any) the generated gradient's. */
function expectDerivatives(c: CompiledFunctions, name: string, point: readonly number[], original: (x: readonly number[]) => number) {
  const got = callGenerated(c.module, name, point);
  expect(got.value).toBeCloseTo(original(point), 12);
  expect(got.valueFromGrad).toBe(got.value);
  expectClose(got.grad, gradientByDifferences(original, point), 1e-6, 1e-6, `${name} gradient`);
  if (got.hess) {
    const gradient = (p: readonly number[]) => callGenerated(c.module, name, p).grad;
    expectClose(got.hess, jacobianByDifferences(gradient, point).flat(), 1e-5, 1e-5, `${name} Hessian`);
  }
}

/** ln σ(x) = −ln(1 + e^{−x}), as plain JavaScript. */
const logSigmoid = (x: number) => -Math.log1p(Math.exp(-x));

describe('a parameter or variable named like a helper', () => {
  it('a function parameter softplus: the helper is softplus_ (ln σ(x) calls it), the notes keep the user\'s name', async () => {
    const c = await compile(`export const E = differentiable((softplus: number, x: number) => softplus * Math.log(1 / (1 + Math.exp(-x))),
  { at: { softplus: 2, x: 0.5 }, hessian: true });`);
    const code = file(c, '.ts');
    expect(typeCheck(code)).toEqual([]);
    expect(code).toContain('function softplus_(x: number): number');
    expect(code).toContain('export function E(softplus: number, x: number): number');
    expect(code).toMatch(/= -softplus_\(-x\);/);
    expectDerivatives(c, 'E', [2, 0.5], ([s, x]) => c.original.E(s, x));
    const tex = file(c, '.tex');
    expect(tex).toContain('E(\\mathit{softplus}, x) = \\mathit{softplus} \\cdot \\ln \\sigma\\left(x\\right)');
    expect(tex).toContain('\\frac{\\partial E}{\\partial \\mathit{softplus}}');
  });

  it("an expression's variables named like functions it does not call (softplus, sin, log, max) are variables", async () => {
    const c = await compile("export const f = expr('sin * x + log * 2 + max + softplus * log(sigmoid(x)) + sin(x)', { hessian: true });");
    const code = file(c, '.ts');
    expect(typeCheck(code)).toEqual([]);
    expect(code).toContain('export function f(sin: number, x: number, log: number, max: number, softplus: number): number');
    expect(code).toContain('function softplus_(');
    const reference = ([sin, x, log, max, softplus]: readonly number[]) => sin * x + log * 2 + max + softplus * logSigmoid(x) + Math.sin(x);
    expectDerivatives(c, 'f', [1.3, 0.5, 2, 3, 1.5], reference);
    expect(file(c, '.tex')).toContain('\\mathit{sin} \\cdot x');
  });

  it('a parameter named like the module\'s other names (NetworkTrainer, POWERS_OF_TWO, sigmoid, tanh, console) in a module with a network', async () => {
    const c = await compile(`export const g = differentiable((NetworkTrainer: number, POWERS_OF_TWO: number, sigmoid: number, tanh: number, console: number) =>
  Math.tanh(NetworkTrainer) * POWERS_OF_TWO + Math.log(1 / (1 + Math.exp(-sigmoid))) * tanh - console);
export const Net = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });`);
    expect(typeCheck(file(c, '.ts'))).toEqual([]);
    expectDerivatives(c, 'g', [0.3, 1.2, -0.4, 0.7, 2], (p) => c.original.g(...p));
  });
});

describe("a textbook's names (found trying them: console and Number were refused as 'used by the generated code')", () => {
  it('parameters w0, b, x, E, dE, grad, delta, lr, eta, params, step, predict, train, console, Number; networks named step and train beside exprs named predict and fit', async () => {
    const parameters = ['w0', 'b', 'x', 'E', 'dE', 'grad', 'delta', 'lr', 'eta', 'params', 'step', 'predict', 'train', 'console', 'Number'];
    const c = await compile(`export const loss = differentiable((${parameters.map((p) => `${p}: number`).join(', ')}) =>
  w0 * b + Math.tanh(x * E) + dE * grad - delta * lr * eta + params * step / (1 + predict * predict) + train * console * Number, { hessian: true });
export const step = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });
export const train = network({ inputs: 2, layers: [dense(2, 'relu'), dense(1)], loss: 'mse', optimizer: { kind: 'adam', lr: 0.01 } });
export const predict = expr('w0 + w1 * x');
export const fit = expr('(y - w0 - w1 * x)^2 + Number * console');`);
    expect(typeCheck(file(c, '.ts'))).toEqual([]);
    const point = parameters.map((_, i) => 0.1 * (i + 1) * (i % 2 === 0 ? 1 : -1));
    expectDerivatives(c, 'loss', point, (p) => c.original.loss(...p));
    expectDerivatives(c, 'fit', [0.3, 0.5, 2, 1.5, -1, 0.7], ([y, w0, w1, x, Number, console]) => (y - w0 - w1 * x) ** 2 + Number * console);
    const module = c.module as unknown as Record<string, TrainerClass>;
    for (const Net of [module.step, module.train]) {
      const trainer = new Net(3);
      trainer.trainStep(Float64Array.of(0.5, -1, 1, 2), Float64Array.of(1, 0), 2);
      expect(Number.isFinite(trainer.lastLoss)).toBe(true);
    }
  });
});

describe('an export named like a helper or a template', () => {
  it('exports softplus, sigmoid, tanh, NetworkTrainer, Dataset, POWERS_OF_TWO in a module without a network', async () => {
    const c = await compile(`export const softplus = expr('log(sigmoid(x))');
export const sigmoid = differentiable((x: number) => Math.log(1 / (1 + Math.exp(-x))) + 1 / (1 + Math.exp(-x)));
export const tanh = expr('tanh(x) * y');
export const NetworkTrainer = expr('x^2 + log(sigmoid(y))');
export const Dataset = differentiable((x: number) => x * x * x);
export const POWERS_OF_TWO = expr('2^x');`);
    const code = file(c, '.ts');
    expect(typeCheck(code)).toEqual([]);
    expect(code).toContain('function softplus_(');
    expectDerivatives(c, 'softplus', [-3], ([x]) => logSigmoid(x));
    expectDerivatives(c, 'sigmoid', [0.4], ([x]) => c.original.sigmoid(x));
    expectDerivatives(c, 'tanh', [0.4, 2], ([x, y]) => Math.tanh(x) * y);
    expectDerivatives(c, 'NetworkTrainer', [0.4, -1], ([x, y]) => x * x + logSigmoid(y));
    expectDerivatives(c, 'Dataset', [1.5], ([x]) => x ** 3);
    expectDerivatives(c, 'POWERS_OF_TWO', [1.5], ([x]) => 2 ** x);
    // far in the tail ln σ(x) stays finite: the renamed helper is the one called
    expect(callGenerated(c.module, 'softplus', [-1000]).value).toBe(-1000);
    expect(file(c, '.tex')).toContain('\\frac{\\partial \\mathit{NetworkTrainer}}{\\partial x}');
  });
});

/** A trainer's parameters after `steps` training steps from `seed` on a fixed batch. */
function trained(Trainer: TrainerClass, inputs: number, steps: number): Float64Array[] {
  const trainer = new Trainer(7);
  const n = 8;
  const X = Float64Array.from({ length: n * inputs }, (_, i) => Math.sin(1.7 * i + 0.3));
  const Y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  for (let s = 0; s < steps; s++) trainer.trainStep(X, Y, n);
  return trainer.params.map((p) => Float64Array.from(p));
}

describe('a network in a module whose exports take the helpers\' names', () => {
  // straight-line rows (tanh by POWERS_OF_TWO, σ and bce by EXP_SCALES), and tensor loops calling softplus
  it.each([
    { what: 'small (straight-line rows: tanh and e^{−|z|} read the tables)', inputs: 2, layers: "[dense(3, 'tanh'), dense(1, 'sigmoid')]", helpers: ['POWERS_OF_TWO', 'EXP_SCALES'] },
    { what: 'larger (tensor loops: the softplus activation calls the helper)', inputs: 24, layers: "[dense(32, 'softplus'), dense(1, 'sigmoid')]", helpers: ['softplus'] },
  ])('$what trains exactly as the network alone', async ({ inputs, layers, helpers }) => {
    const net = `export const Net = network({ inputs: ${inputs}, layers: ${layers}, loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });`;
    const alone = await compile(net);
    const c = await compile(`export const POWERS_OF_TWO = expr('x * 2');
export const EXP_SCALES = expr('exp(-x)');
export const softplus = expr('log(sigmoid(x))');
${net}`);
    const code = file(c, '.ts');
    expect(typeCheck(code)).toEqual([]);
    for (const h of helpers) {
      expect(file(alone, '.ts')).toMatch(new RegExp(`^(const|function) ${h}\\b`, 'm')); // the network alone uses the helper…
      expect(code).toMatch(new RegExp(`^(const|function) ${h}_\\b`, 'm')); // … renamed here
      expect(code).toContain(`${h}_${h === 'softplus' ? '(' : '['}`);
    }
    const module = c.module as unknown as Record<string, TrainerClass>;
    const reference = alone.module as unknown as Record<string, TrainerClass>;
    expect(trained(module.Net, inputs, 5)).toEqual(trained(reference.Net, inputs, 5));
    expectDerivatives(c, 'EXP_SCALES', [0.5], ([x]) => Math.exp(-x));
    expectDerivatives(c, 'softplus', [0.5], ([x]) => logSigmoid(x));
  });
});
