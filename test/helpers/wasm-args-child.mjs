// Run by test/wasm-gc.test.ts in its own process:
//   node --allow-natives-syntax --no-turbo-inlining wasm-args-child.mjs <module.wasm> <calls>
// The module exports byI32(n: i32, x: i32) and byF64(n: i32, x: f64) (both store x to memory).
// An optimized function computes an argument and calls one export, from a loop V8 never optimizes;
// with inlining off V8 calls the export through its generic JS-to-WebAssembly wrapper, which takes
// tagged values: a double held unboxed in a register must be boxed (a heap allocation per call), a
// small integer need not. Prints one JSON line per export: GC events and young-generation growth.
import { readFileSync } from 'node:fs';
import { gcDuring, warmUp } from './gc-window.mjs';

const [file, callsText] = process.argv.slice(2);
const calls = Number(callsText);
const memory = new WebAssembly.Memory({ initial: 1 });
const { exports: k } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } });

// the argument is computed here (as a trainer computes 1/n or a byte offset): an unboxed double, or a small integer
function callI32(i) { k.byI32(4, (i & 7) * 8); }
function callF64(i) { k.byF64(4, 1 / (i + 3)); }
function drive(call, count) {
  for (let i = 0; i < count; i++) call(i);
}
%NeverOptimizeFunction(drive);

for (const [name, call] of [['i32', callI32], ['f64', callF64]]) {
  await warmUp(() => drive(call, calls / 5));
  const { events, youngBytes } = await gcDuring(() => drive(call, calls));
  console.log(JSON.stringify({ name, events, youngBytes, optimized: (%GetOptimizationStatus(call) & 16) !== 0 }));
}
