// Formatting of the results: the markdown table, the compile-time line and
// the machine description.
import os from 'node:os';

export const TARGETS = { genOverHand: 0.9, genOverMathjs: 100, gradOverValue: 3, compileMs: 1000 };

const mark = (ok) => (ok ? '✓' : '✗');

/** 3 significant digits with k/M/G. */
export function ops(x) {
  if (!Number.isFinite(x)) return 'n/a';
  const units = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) if (x >= scale) return `${(x / scale).toPrecision(3)} ${unit}`;
  return x.toPrecision(3);
}

/**
 * A markdown table: the header row, the alignment row (the first `left`
 * columns, names, left-aligned; the others, numbers, right-aligned) and a line
 * per row of cells.
 */
export function markdownTable(headers, rows, left = 1) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), `|${headers.map((_, i) => (i < left ? '---|' : '---:|')).join('')}`, ...rows.map(line)];
}

const ratio = (x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

export function machineInfo(clock = 'wall') {
  const cpus = os.cpus();
  const busy = clock === 'cpu'
    ? ' — **the machine was busy**: CPU-time numbers are disturbed less than wall time, but still (shared caches, SMT); expect ±20 %'
    : ' — **the machine was busy: wall-clock numbers are unreliable** (try --clock=cpu)';
  return [
    `node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()} ${os.arch()}`,
    `CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `load average (1/5/15 min) at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}` +
      (os.loadavg()[0] > cpus.length ? busy : ''),
    `gc exposed: ${typeof globalThis.gc === 'function' ? 'yes' : 'no (run with --expose-gc)'}`,
  ];
}

/**
 * rows: [{ title, gen, genValue, hand, mathjs }] with ops/s for each
 * (gen = generated E_grad, genValue = generated E), and the paired ratios
 * genOverHand, genOverMathjs, gradOverValue (time of E_grad / time of E).
 */
export function resultsTable(rows) {
  const t = TARGETS;
  const lines = [
    `| benchmark | generated E_grad ops/s | hand-written ops/s | mathjs ops/s | generated / hand-written (≥ ${t.genOverHand}) | generated / mathjs (≥ ${t.genOverMathjs}) | E_grad / E time (≤ ${t.gradOverValue}) |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const { genOverHand: genHand, genOverMathjs: genMathjs, gradOverValue: gradValue } = r;
    lines.push(
      `| ${r.title} | ${ops(r.gen)} | ${ops(r.hand)} | ${ops(r.mathjs)} ` +
        `| ${ratio(genHand)} ${mark(genHand >= t.genOverHand)} ` +
        `| ${ratio(genMathjs)}× ${mark(genMathjs >= t.genOverMathjs)} ` +
        `| ${ratio(gradValue)} ${mark(gradValue <= t.gradOverValue)} |`,
    );
  }
  return lines.join('\n');
}

export function compileLine(title, { medianMs, samplesMs }) {
  const samples = samplesMs.map((x) => x.toFixed(0)).join(', ');
  return (
    `Compile time, ${title} (compileExpression + emitExpressionModule): ` +
    `median ${medianMs.toFixed(0)} ms of ${samplesMs.length} (runs: ${samples} ms; the first is cold) ` +
    `— target < ${TARGETS.compileMs} ms ${mark(medianMs < TARGETS.compileMs)}`
  );
}

/** Per-implementation detail: ops/s, per-call time on both clocks, spread over rounds, batch size. */
export function detailTable(details) {
  const ns = (x) => x.toFixed(x < 100 ? 1 : 0);
  const lines = [
    '| benchmark | implementation | ops/s | ns/call (wall) | ns/call (CPU) | spread (max−min)/median | calls/batch × rounds | setup |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const d of details) {
    lines.push(
      `| ${d.title} | ${d.impl} | ${ops(d.opsPerSec)} | ${ns(d.wallPerCallNs)} | ${ns(d.cpuPerCallNs)} ` +
        `| ${(d.spread * 100).toFixed(1)} % | ${d.batch} × ${d.rounds} | ${d.setup ?? ''} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The end of a training benchmark's results page (bench/run-networks.mjs,
 * bench/run-recurrent.mjs): the correctness checks, the per-implementation
 * details (`columns`: the throughput's and the per-step time's headers), and
 * the machine with the run's `extra` lines (peers' versions), load and time.
 */
export function checksAndDetails({ checks, columns, details, clock = 'wall', extra, loadAtStart, elapsedSeconds }) {
  return [
    '## Correctness checks',
    '',
    ...checks,
    '',
    '## Details',
    '',
    `| workload | implementation | ${columns.join(' | ')} | spread (max−min)/median | steps/batch × rounds |`,
    `|---|---|${columns.map(() => '---:|').join('')}---:|---:|`,
    ...details,
    '',
    'Machine:',
    ...[...machineInfo(clock), ...extra].map((l) => `- ${l}`),
    `- load average (1 min) at the start of the run: ${loadAtStart[0].toFixed(1)}`,
    `- total run time ${elapsedSeconds.toFixed(0)} s`,
    '',
  ];
}
