// The notes of TypeScript functions, as a new user reads them (issue 10,
// fn-trial): each a defect found trying the feature.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

const notesOf = async (body: string) => {
  const c = await compileFunctions(modelText(body));
  const file = (ext: string) => c.compiled.files.find((f) => f.name.endsWith(ext))?.content ?? '';
  return { c, tex: file('.tex'), html: file('.html') };
};

describe('the heading of a function', () => {
  it('names the function and cites its source, not "The expression" (found: every function was headed "The expression f")', async () => {
    const { tex, html } = await notesOf(`export const one = differentiable((x: number) => x * x, { at: { x: 2 } });
export const two = differentiable((x: number, y: number) => {
  const s = x + y;
  return s * s;
});
export const E = expr('x^2');`);
    expect(tex).toContain('\\section{The function $\\mathit{one}$ (\\texttt{model.ts}, line 2)}');
    expect(tex).toContain('\\section{The function $\\mathit{two}$ (\\texttt{model.ts}, lines 3--6)}');
    expect(tex).toContain('\\section{The expression $E$}');
    expect(tex).toContain('\\subsection*{The function $\\mathit{two}$}');
    expect(tex).not.toContain('lines 2--2');
    expect(tex).toContain('In the model, \\texttt{model.ts}, line 2, \\texttt{one} is this function:');
    expect(html).toMatch(/The function <span[^]*?<code>model\.ts<\/code>, line 2\)/);
  });
});

describe('notes at a point where the side of a branch not taken would be NaN (found: the notes printed NaN there and the CLI warned the point was outside the domain)', () => {
  it('x > 0 ? ln x : 0 at x = −1: value 0, derivative 0, no warning, no NaN; ln x is said not to be computed', async () => {
    const { c, tex, html } = await notesOf('export const safeLog = differentiable((x: number) => (x > 0 ? Math.log(x) : 0), { at: { x: -1 } });');
    expect(c.compiled.warnings).toEqual([]);
    expect(tex).not.toMatch(/NaN/);
    expect(html).not.toMatch(/NaN/);
    expect(tex).toContain('v_{1} &= \\ln x \\qquad \\text{(line 2; not computed: a side not taken)}');
    expect(tex).toMatch(/\\frac\{\\partial \\mathit\{safeLog\}\}\{\\partial x\} &= 0\n/);
    const notes = JSON.parse(c.compiled.files.find((f) => f.name.endsWith('.notes.json'))?.content ?? '{}') as { values: { value: number | null }[] };
    expect(notes.values.every((v) => v.value !== null && Number.isFinite(v.value))).toBe(true);
  });

  it('if (x >= 0) √x · y else −x · y at (−4, 2): the gradient and Hessian at the point are the generated code\'s, term by term the backward pass adds 0 through √x', async () => {
    const { c, tex } = await notesOf(`export const safeSqrt = differentiable((x: number, y: number) => {
  let r = 0;
  if (x >= 0) {
    r = Math.sqrt(x) * y;
  } else {
    r = -x * y;
  }
  return r;
}, { at: { x: -4, y: 2 }, hessian: true });`);
    expect(c.compiled.warnings).toEqual([]);
    expect(tex).not.toMatch(/NaN/);
    const got = callGenerated(c.module, 'safeSqrt', [-4, 2]);
    // ∂/∂x (−x y) = −y = −2, ∂/∂y = −x = 4; ∂²/∂x∂y = −1
    expect(got.grad).toEqual([-2, 4]);
    expect(got.hess).toEqual([0, -1, -1, 0]);
    expect(tex).toContain('\\frac{\\partial \\mathit{safeSqrt}}{\\partial x} &= -2 \\\\\n\\frac{\\partial \\mathit{safeSqrt}}{\\partial y} &= 4');
    expect(tex).toContain('\\nabla^2 \\mathit{safeSqrt} = \\begin{bmatrix} 0 & -1 \\\\ -1 & 0 \\end{bmatrix}');
    expect(tex).toContain('&= 0 + \\left(-2\\right) = -2 \\qquad \\text{(sum of the contributions)}');
    expect(tex).toContain('&= \\begin{cases} v_{2} & \\text{if } 0 \\le \\left(-4\\right) \\\\ 8 & \\text{otherwise} \\end{cases} = 8');
  });

  it('a point truly outside the domain still warns (ln x at x = −1, no branch)', async () => {
    const { c } = await notesOf('export const bad = differentiable((x: number) => Math.log(x) + x, { at: { x: -1 } });');
    expect(c.compiled.warnings.map((w) => w.message)).toEqual(['at x = -1 the value is not a finite number: log(-1) = NaN']);
  });

  it('gradient descent through a branch follows the side taken (a side NaN there does not stop the run)', async () => {
    const { c } = await notesOf(`export const walk = differentiable((x: number) => {
  if (x > 0) return x * Math.log(x) + 1;
  return x * x + 1;
}, { at: { x: -2 }, descent: { steps: 3, lr: 0.25 } });`);
    const run = c.compiled.expressions[0].descent;
    // x ← x − ¼ · 2x = x/2 on the side x ≤ 0: −2, −1, −0.5, −0.25
    expect(run?.stop).toBeUndefined();
    expect(run?.iterates.map((i) => i.point[0])).toEqual([-2, -1, -0.5, -0.25]);
  });
});

describe('ln of a sigmoid spelled out in TypeScript (found: Math.log(1 / (1 + Math.exp(-z))) gave −∞ and a NaN gradient at z = −1000)', () => {
  it('is −softplus(−z): value −1000 and slope 1 at z = −1000, no warning; the notes say so', async () => {
    const { c, tex } = await notesOf(`export const logSigmoid = differentiable((z: number) => Math.log(1 / (1 + Math.exp(-z))), { at: { z: -1000 }, hessian: true });
export const staged = differentiable((w: number, x: number) => {
  const dot = w * x;
  const p = 1.0 / (1 + Math.exp(-dot));
  return -Math.log(p);
}, { at: { w: 10, x: -100 } });`);
    expect(c.compiled.warnings).toEqual([]);
    const got = callGenerated(c.module, 'logSigmoid', [-1000]);
    expect(got.value).toBe(-1000);
    expect(got.grad).toEqual([1]);
    expect(Number.isFinite(got.hess?.[0])).toBe(true);
    // −ln σ(wx) at wx = −1000: 1000, ∂/∂w = −x σ(−wx) = 100, ∂/∂x = −w σ(−wx) = −10
    const staged = callGenerated(c.module, 'staged', [10, -100]);
    expect(staged.value).toBe(1000);
    expect(staged.grad).toEqual([100, -10]);
    expect(tex).toContain('(written so, or with the sigmoid spelled out: $\\ln \\frac{1}{1 + e^{-x}}$) is computed as $-\\operatorname{softplus}(-x)');
    // (the appendix's remark names the −∞ and NaN it avoids)
    expect(tex.slice(0, tex.indexOf('\\section{Appendix'))).not.toMatch(/NaN|\\infty/);
  });

  it('in an expression too: log(1 / (1 + exp(-x)))', async () => {
    const c = await compileFunctions(modelText("export const E = expr('log(1 / (1 + exp(-x)))', { at: { x: -1000 } });"));
    const got = callGenerated(c.module, 'E', [-1000]);
    expect(got.value).toBe(-1000);
    expect(got.grad).toEqual([1]);
  });
});

describe('ln(1 − σ) spelled out: binary cross-entropy by hand (found: NaN at a logit ≥ 37, where σ(z) rounds to 1 and ln(1 − σ) is ln 0)', () => {
  it('is −softplus(z): finite value and gradient at z = 40 and z = −1000, equal to the plain form where that is finite', async () => {
    const { c, tex } = await notesOf(`function sigmoid(z: number): number { return 1 / (1 + Math.exp(-z)); }
export const bce = differentiable((w: number, x: number, y: number) => {
  const p = sigmoid(w * x);
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}, { at: { w: 4, x: 10, y: 0 } });
export const viaLog1p = differentiable((z: number) => Math.log1p(-sigmoid(z)), { at: { z: 40 } });`);
    expect(c.compiled.warnings).toEqual([]);
    expect(tex).toContain('Likewise $\\ln(1 - \\sigma(x)) = \\ln \\sigma(-x)$, the other half of a binary cross-entropy, is computed as $-\\operatorname{softplus}(x)$');
    // at wx = 40, y = 0: −ln(1 − σ(40)) = softplus(40) = 40 + ln(1 + e^{−40}); ∂/∂w = x σ(40), ∂/∂x = w σ(40)
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    const far = callGenerated(c.module, 'bce', [4, 10, 0]);
    expect(far.value).toBeCloseTo(40, 12);
    expect(far.grad.slice(0, 2)).toEqual([10 * sig(40), 4 * sig(40)]);
    expect(Number.isFinite(far.grad[2])).toBe(true);
    // at y = 1, wx = −1000: −ln σ(−1000) = 1000
    expect(callGenerated(c.module, 'bce', [1, -1000, 1]).value).toBe(1000);
    // where the written form is finite, the same numbers (to rounding)
    const plain = (w: number, x: number, y: number) => -(y * Math.log(sig(w * x)) + (1 - y) * Math.log(1 - sig(w * x)));
    const near = callGenerated(c.module, 'bce', [0.5, 1.5, 0.25]);
    expect(near.value).toBeCloseTo(plain(0.5, 1.5, 0.25), 14);
    const h = 1e-6;
    expect(near.grad[0]).toBeCloseTo((plain(0.5 + h, 1.5, 0.25) - plain(0.5 - h, 1.5, 0.25)) / (2 * h), 8);
    const log1p = callGenerated(c.module, 'viaLog1p', [40]);
    expect(log1p.value).toBeCloseTo(-40, 12);
    expect(log1p.grad).toEqual([-sig(40)]);
  });
});

describe('constants folded when compiling (found: 0.7 * 0.7 printed as 0.48999999999999994 in every formula)', () => {
  it('print as a textbook prints them in formulas (0.49, 2.1, 0.98); the code keeps the exact double', async () => {
    const { c, tex } = await notesOf(`export const f = differentiable((t: number, m: number) => {
  const k = 0.7 * 0.7;
  const g = 3 * 0.7;
  return k * t * t + g * m;
}, { at: { t: 0.3, m: 2 }, hessian: true });`);
    const body = tex.slice(0, tex.indexOf('\\section{Appendix'));
    expect(body).not.toMatch(/0\.4899999|2\.0999999|0\.9799999/);
    expect(body).toContain('0.49 t');
    expect(body).toContain('2.1 m');
    // the generated code computes with the double 0.7 * 0.7, as the original does
    const got = callGenerated(c.module, 'f', [0.3, 2]);
    expect(got.value).toBe(0.7 * 0.7 * 0.3 * 0.3 + 3 * 0.7 * 2);
    expect(got.grad).toEqual([2 * (0.7 * 0.7) * 0.3, 3 * 0.7]);
  });
});

describe('how the function was translated (found: the notes said "each loop was unrolled and each call inlined" of a function with no loop and no call)', () => {
  const translated = (tex: string) => /nncompile read its syntax \(it did not run it\) and (.*) As translated:/.exec(tex)?.[1];

  it('a function of consts only: one expression as written, no loop or call claimed', async () => {
    const { tex } = await notesOf(`export const f = differentiable((x: number, y: number) => {
  const s = x + y;
  return s * Math.sin(x);
});`);
    expect(translated(tex)).toBe('translated it to one expression as written: it has no reassignment, branch, loop or call.');
  });

  it('reassignments, branches taken at run time and decided when compiling, an unrolled loop and inlined calls, each with its lines', async () => {
    const { tex, html } = await notesOf(`function clip(r: number): number {
  return r > 1 ? 1 : r;
}
export const f = differentiable((x: [number, number, number], w: number) => {
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    if (i === 0) continue;
    loss += clip(w * x[i]!);
  }
  const sq = (a: number) => a * a;
  return sq(loss);
});`);
    expect(translated(tex)).toBe('translated it to one expression: each assignment to \\texttt{loss} names a new value; '
      + 'the branch on line 3 became a piecewise choice; the branch on line 8, whose condition is known when compiling, was decided then; '
      + 'the loop on line 7 (3 iterations) was unrolled; each call of \\texttt{clip} (line 2) and \\texttt{sq} (line 11) was inlined.');
    expect(html).toContain('each call of <code>clip</code> (line 2)');
  });

  it('an inner loop whose iterations vary with the outer index: their range (found: "(3 iterations)" of a loop that ran 3, 2, 1 and 0 times)', async () => {
    const { tex } = await notesOf(`export const f = differentiable((x: [number, number, number, number]) => {
  let u = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) u += (x[j]! - x[i]!) ** 2;
  }
  return u;
});`);
    expect(translated(tex)).toContain('the loops on lines 4 (4 iterations) and 5 (0 to 3 iterations) were unrolled');
  });

  it('a loop kept as a loop, and a loop tried as one and unrolled (its branch on the index then decided, not a piecewise choice)', async () => {
    const { tex } = await notesOf(`export const f = differentiable((x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  let m = 1;
  for (let i = 0; i < x.length; i++) {
    if (i === 0) continue;
    m *= x[i]! - x[i - 1]!;
  }
  return s + m;
}, { lengths: { x: 12 } });`);
    expect(translated(tex)).toBe('translated it to one expression: each assignment to \\texttt{s} and \\texttt{m} names a new value; '
      + 'the branch on line 7, whose condition is known when compiling, was decided then; the loop on line 6 (12 iterations) was unrolled; '
      + 'the loop on line 4 is a loop in the generated code (written out here iteration by iteration).');
  });
});

describe('a long source line (found: the verbatim source of a one-line function ran 395 pt off the page)', () => {
  const model = `export const f = differentiable((x: number, y: number) =>
  Math.exp(x) + Math.expm1(y) + Math.log(x) + Math.log1p(y) + Math.log2(x + y) + Math.log10(x * y) + Math.sqrt(x) + Math.cbrt(y - 1),
{ at: { x: 1.3, y: 0.4 } });`;
  const verbatim = (tex: string) => /\\begin\{verbatim\}\n([^]*?)\n\\end\{verbatim\}/.exec(tex)?.[1] ?? '';

  it('is broken at spaces into rows of at most 80 characters, continuations indented, nothing lost', async () => {
    const { tex } = await notesOf(model);
    const rows = verbatim(tex).split('\n');
    expect(rows.length).toBe(3);
    expect(rows.every((row) => row.length <= 80)).toBe(true);
    expect(rows[2]).toMatch(/^ {6}Math\.log10/);
    const source = model.slice(model.indexOf('(x: number'), model.indexOf(',\n{ at'));
    expect(rows.join(' ').replace(/\s+/g, ' ')).toBe(source.replace(/\s+/g, ' '));
  });

  it.skipIf(!hasPdflatex)('typesets without an overfull line of source', async () => {
    const { tex } = await notesOf(model);
    const log = typesetLog(tex);
    expect(overfullBoxes(log).filter((box) => /in paragraph/.test(box))).toEqual([]);
  });
});

describe('a long formula in the givens (found: the double pendulum energy as translated ran 48 pt off the page, a spring system 306 pt)', () => {
  const model = `export const doublePendulum = differentiable((th1: number, th2: number, w1: number, w2: number) => {
  const T = 0.5 * (2 * w1 ** 2 + w2 ** 2 + 2 * w1 * w2 * Math.cos(th1 - th2));
  const V = -9.81 * (2 * Math.cos(th1) + Math.cos(th2));
  return T + V;
}, { at: { th1: 0.3, th2: -0.4, w1: 1.1, w2: 0.2 } });`;

  it('continues its sum on a second row; a short one (the pendulum) stays one equation', async () => {
    const { tex } = await notesOf(`${model}
export const pendulum = differentiable((theta: number, omega: number, len: number) => 0.5 * len * len * omega * omega + 9.81 * len * (1 - Math.cos(theta)));`);
    const given = (name: string) => new RegExp(`As translated:\\n\\n(\\\\begin\\{(?:align|equation)\\*\\}\\n\\\\mathit\\{${name}\\}[^]*?\\\\end\\{(?:align|equation)\\*\\})`).exec(tex)?.[1] ?? '';
    expect(given('doublePendulum').split('\n')).toHaveLength(4);
    expect(given('doublePendulum')).toMatch(/^\\begin\{align\*\}\n\\mathit\{doublePendulum\}\([^\n]*\) &= 0\.5 [^\n]*\\\\\n&\\quad \{\}\+ \\left\(-9\.81\\right\)/);
    expect(given('pendulum')).toMatch(/^\\begin\{equation\*\}\n[^\n]*\n\\end\{equation\*\}$/);
  });

  it.skipIf(!hasPdflatex)('typesets without an overfull line', async () => {
    const { tex } = await notesOf(model);
    expect(overfullBoxes(typesetLog(tex))).toEqual([]);
  });
});
