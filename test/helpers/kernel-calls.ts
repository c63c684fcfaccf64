/**
 * Every WebAssembly kernel call of generated code (`wasm.name(…)`) and its
 * arguments that are not plainly integers — the row count n, an integer
 * literal, an array's byteOffset, a scalar slot's address
 * (`sc.byteOffset + 8 * k`): V8 boxes a double passed to an export it does
 * not inline, so a kernel must take none.
 */
export function kernelCallArguments(code: string): { calls: number; nonIntegers: string[] } {
  const integer = /^(n|\d+|\w+\.byteOffset( \+ 8 \* \d+)?)$/;
  const nonIntegers: string[] = [];
  let calls = 0;
  for (const [, name, args] of code.matchAll(/\bwasm\.(\w+)\(([^()]*)\)/g)) {
    calls++;
    const bad = args.split(',').map((a) => a.trim()).filter((a) => a !== '' && !integer.test(a));
    nonIntegers.push(...bad.map((a) => `${name}: ${a}`));
  }
  return { calls, nonIntegers };
}
