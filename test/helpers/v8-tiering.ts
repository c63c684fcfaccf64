import v8 from 'node:v8';

// V8's natives syntax (%Name(...)), switched on at run time: only code parsed afterwards can use it, and
// the only such code is the table below (built by new Function, since TypeScript cannot parse `%`).
// The test processes are started without the flag; the child processes of gc-child-run.ts get it on
// their command line instead.
v8.setFlagsFromString('--allow-natives-syntax');
type AnyFunction = (...args: never[]) => unknown;
const natives = new Function(`return {
  prepare: (f) => %PrepareFunctionForOptimization(f),
  finalize: () => %FinalizeOptimization(),
  optimizeOnNextCall: (f) => %OptimizeFunctionOnNextCall(f),
  status: (f) => %GetOptimizationStatus(f),
};`)() as {
  prepare(f: AnyFunction): void;
  finalize(): void;
  optimizeOnNextCall(f: AnyFunction): void;
  status(f: AnyFunction): number;
};

/** %GetOptimizationStatus bit: the function's code is TurboFan's (V8 src/runtime/runtime.h, kTurboFanned). */
const TURBOFANNED = 1 << 6;

/** Keeps `f`'s bytecode and type feedback until it is optimized (call before warming it up). */
export function prepareForOptimization(f: AnyFunction): void {
  natives.prepare(f);
}

/**
 * Has TurboFan compile `f` now, from the feedback gathered so far, by calling `call()` once
 * (which must call `f`): background compilations still running are waited for and installed,
 * and `f` is compiled on that call if it was not already. Left to V8's own timing, a loop
 * that has only been on-stack-replaced re-enters that OSR code on its next call, and OSR code
 * keeps the loop's variables boxed: a double summed in the loop is a new heap number on every
 * iteration (16 bytes), whatever the loop calls.
 */
export function optimizeNow(f: AnyFunction, call: () => void): void {
  natives.finalize();
  natives.optimizeOnNextCall(f);
  call();
}

/** Whether `f` runs TurboFan code now (false after a deoptimization, or before it was compiled). */
export function isOptimized(f: AnyFunction): boolean {
  return (natives.status(f) & TURBOFANNED) !== 0;
}
