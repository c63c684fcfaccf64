// Diagnosis helper (not part of `npm run bench`): times the generated E_grad
// against rewritten variants of the same code, to see what a change in the
// code generator would buy. Also reports heap bytes allocated per call.
//
//   node --expose-gc bench/variants.mjs [item id …]     (default: all items)
//
// Variants (all from the generated JavaScript, by text rewriting):
//   generated (positional)  E_grad(x1, …, xn, grad) exactly as emitted
//   array input             E_grad(x: Float64Array, grad) with `const x1 = x[0]; …` on top
//   array + early writes    as above, and each grad[i] = … right after its adjoint is final
//   array + ASAP schedule   as above, every statement right after its operands (see asapSchedule)
//   hand-written            bench/handwritten.mjs
// Timing: CPU clock, many short interleaved rounds, best round (robust on a shared machine).
import ts from 'typescript';
import { items } from './suite.mjs';
import { generateTypeScript } from './generated.mjs';
import { measure, positionalArgs, specializedLoop } from './timing.mjs';

const wanted = process.argv.slice(2);

/** The generated module as plain functions (CommonJS-transpiled, evaluated). */
async function generatedFunctions(item) {
  const { outputText } = ts.transpileModule(await generateTypeScript(item), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports = {};
  new Function('exports', outputText)(exports);
  return { value: exports[item.name], grad: exports[`${item.name}_grad`] };
}

function body(fn) {
  const src = fn.toString();
  return src.slice(src.indexOf('{') + 1, src.lastIndexOf('}'));
}

/** E_grad(x: Float64Array, grad) with the parameters unpacked on top. */
function arrayVariant(item, grad, earlyWrites) {
  let code = body(grad);
  if (earlyWrites === true) {
    // Move each `grad[i] = name;` to right after `const name = …;` (or to the
    // start of the backward pass when name is a variable or forward value).
    const writes = [...code.matchAll(/grad\[(\d+)\] = ([A-Za-z_$][\w$]*);/g)];
    for (const [line, index, name] of writes) {
      code = code.replace(line, '');
      const definition = new RegExp(`(const ${name.replace(/\$/g, '\\$')} = [^;]+;)`);
      const backward = code.indexOf('// Backward pass');
      const defined = definition.exec(code);
      if (defined && defined.index > backward) code = code.replace(definition, `$1 grad[${index}] = ${name};`);
      else code = code.replace('// Backward pass', `grad[${index}] = ${name};\n// Backward pass`);
    }
  }
  if (earlyWrites === 'asap') code = asapSchedule(code);
  const unpack = item.variables.map((v, i) => `const ${v} = input$[${i}];`).join('\n');
  return new Function(`return function ${item.name}_grad_array(input$, grad) {\n${unpack}\n${code}\n}`)();
}

/**
 * Reorders straight-line `const a = …;` / `grad[i] = a;` statements: each
 * statement right after the last statement it depends on (ASAP), keeping
 * the original order among ready statements. Backward-pass work whose
 * operands are forward values then runs while those values are fresh, and
 * they need not stay alive (in spill slots) across the whole forward pass.
 */
function asapSchedule(code) {
  const lines = code.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
  const ret = lines.filter((l) => l.startsWith('return '));
  const stmts = lines.filter((l) => !l.startsWith('return ')).map((text) => {
    const m = /^const ([\w$]+) = (.*);$/.exec(text);
    const rhs = m ? m[2] : text.replace(/^grad\[\d+\] = /, '');
    return { text, defines: m?.[1], uses: rhs.match(/[A-Za-z_$][\w$]*/g)?.filter((u) => u !== 'Math' && !/^(sin|cos|exp|log|tanh|sqrt|abs)$/.test(u)) ?? [] };
  });
  const definedAt = new Map();
  stmts.forEach((s, i) => s.defines && definedAt.set(s.defines, i));
  const out = [];
  const done = new Set();
  const emit = (i) => {
    if (done.has(i)) return;
    for (const u of stmts[i].uses) if (definedAt.has(u)) emit(definedAt.get(u));
    done.add(i);
    out.push(stmts[i].text);
    // then everything that has just become ready, in original order
    for (let j = 0; j < stmts.length; j++) {
      if (!done.has(j) && stmts[j].uses.includes(stmts[i].defines) &&
          stmts[j].uses.every((u) => !definedAt.has(u) || done.has(definedAt.get(u)))) emit(j);
    }
  };
  stmts.forEach((_, i) => emit(i));
  return [...out, ...ret].join('\n');
}

/** Heap bytes allocated per call (needs a large new space so no scavenge runs mid-measurement). */
function bytesPerCall(loop) {
  globalThis.gc?.();
  const n = 2000;
  const h0 = process.memoryUsage().heapUsed;
  loop(n);
  return Math.max(0, (process.memoryUsage().heapUsed - h0) / n);
}

for (const item of items.filter((i) => wanted.length === 0 || wanted.includes(i.id))) {
  const n = item.variables.length;
  const gen = await generatedFunctions(item);
  const variants = [
    { key: 'generated (positional)', fn: gen.grad, call: `f(${positionalArgs(n)}, g)` },
    { key: 'array input', fn: arrayVariant(item, gen.grad, false), call: 'f(p, g)' },
    { key: 'array + early writes', fn: arrayVariant(item, gen.grad, true), call: 'f(p, g)' },
    { key: 'array + ASAP schedule', fn: arrayVariant(item, gen.grad, 'asap'), call: 'f(p, g)' },
    { key: 'hand-written', fn: item.hand.fn, call: item.hand.call === 'array' ? 'f(p, g)' : `f(${positionalArgs(n)}, g)` },
  ];
  // The rewrites must not change a single result.
  const ref = new Float64Array(n);
  const refValue = gen.grad(...item.points[0], ref);
  for (const v of variants.slice(1, 4)) {
    const g = new Float64Array(n);
    const value = v.fn(item.points[0], g);
    if (value !== refValue || g.some((x, i) => x !== ref[i])) throw new Error(`${item.id}: variant '${v.key}' differs`);
  }
  const impls = variants.map((v) => ({ key: v.key, loop: specializedLoop(v.fn, item.points, new Float64Array(n), v.call) }));
  const { results } = measure(impls, { warmupMs: 400, batchMs: 10, rounds: 60, minRounds: 20, budgetMs: 8_000, clock: 'cpu', statistic: 'min' });
  console.log(`\n${item.title}`);
  for (const { key, loop } of impls) {
    const r = results[key];
    console.log(`  ${key.padEnd(24)} ${r.perCallNs.toFixed(1).padStart(8)} ns/call  ${bytesPerCall(loop).toFixed(0).padStart(5)} B/call`);
  }
}
