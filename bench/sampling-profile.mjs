// V8's sampling profiler (node:inspector, what `node --cpu-prof` records) around
// a synchronous piece of work, with the self time of each function split into
// the trainer's (the generated module's methods, any WebAssembly function) and
// the rest: for bench/networks/profile.mjs and bench/recurrent/profile.mjs.
import { Session } from 'node:inspector/promises';

/**
 * Runs `work()` under the profiler (sampling every `intervalUs`); a sample is
 * the trainer's when its function is in a file whose URL contains `folder`,
 * or is WebAssembly. Returns { self: Map(name → µs), trainerTime, others:
 * Map(name → µs), otherTime, cpuUs, wallMs }.
 */
export async function profileSelfTime(work, folder, intervalUs) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  work();
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const others = new Map();
  let trainerTime = 0;
  let otherTime = 0;
  profile.samples.forEach((sample, i) => {
    const { functionName, url } = nodes.get(sample).callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    if (url.includes(folder) || functionName.startsWith('wasm-function')) {
      self.set(functionName, (self.get(functionName) ?? 0) + dt);
      trainerTime += dt;
    } else {
      const name = functionName || '(anonymous)';
      others.set(name, (others.get(name) ?? 0) + dt);
      otherTime += dt;
    }
  });
  return { self, trainerTime, others, otherTime, cpuUs: cpu.user + cpu.system, wallMs };
}
