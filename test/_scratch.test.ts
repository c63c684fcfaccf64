import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { it } from 'vitest';
import { generateModule, loadModule } from './helpers/generated-module.js';
it('gc', async () => {
  const mod = await loadModule(await generateModule([{ name: 'J', source: 'cos(sin(x^2) + 3*x^2)' }]));
  const alloc = await loadModule('export function A(x: number, g: Float64Array): number { const a = [x, x]; g[0] = a[0]; return a[1]; }');
  const entries: any[] = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) entries.push(e); });
  observer.observe({ entryTypes: ['gc'] });
  for (const [label, fn] of [['J', mod.J_grad], ['A', alloc.A], ['J', mod.J_grad], ['J', mod.J_grad], ['J', mod.J_grad]] as const) {
    const grad = new Float64Array(1);
    let sink = 0;
    for (let i = 0; i < 1e5; i++) sink += fn(0.1 + (i % 1000) * 1e-3, grad) + grad[0];
    await new Promise((r) => setTimeout(r, 50));
    const n0 = entries.length;
    const start = performance.now();
    for (let i = 0; i < 1e6; i++) sink += fn(0.1 + (i % 1000) * 1e-3, grad) + grad[0];
    const end = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    const during = entries.slice(n0).filter((e) => e.startTime >= start && e.startTime <= end);
    console.log(label, 'gc during', during.length, during.map((e) => `${e.detail?.kind}@${(e.startTime - start).toFixed(1)}`).join(' '), 'loop ms', (end - start).toFixed(1), sink > 0);
  }
  observer.disconnect();
}, 60000);
