// A small, dependency-free SVG line plot for the examples' figures: several
// series over a common x axis, a linear or a logarithmic (base 10) y axis,
// ticks with labels, axis titles, a legend. Values that cannot be drawn
// (NaN, ±∞, and ≤ 0 on a log axis) break their line instead of bending it.
//
//   writeFileSync('norms.svg', linePlotSvg([{ name: 'RNN', points }], { yScale: 'log', … }))

export interface PlotSeries {
  readonly name: string;
  /** (x, y) pairs in the order they are joined. */
  readonly points: readonly (readonly [number, number])[];
}

export interface PlotOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yScale?: 'linear' | 'log';
  readonly width?: number;
  readonly height?: number;
}

/** Distinct colours for up to six series (then they repeat), readable in print. */
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const MARGIN = { left: 72, right: 16, top: 36, bottom: 52 };

/** The plot as the text of an SVG file. */
export function linePlotSvg(series: readonly PlotSeries[], options: PlotOptions): string {
  const { width = 640, height = 400, yScale = 'linear' } = options;
  const area = { left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };
  const drawable = (y: number) => Number.isFinite(y) && (yScale === 'linear' || y > 0);
  const xs = series.flatMap((s) => s.points.map(([x]) => x)).filter(Number.isFinite);
  const ys = series.flatMap((s) => s.points.map(([, y]) => y)).filter(drawable);
  if (xs.length === 0 || ys.length === 0) throw new Error(`linePlotSvg: '${options.title}' has no point that can be drawn`);
  const xAxis = linearAxis(Math.min(...xs), Math.max(...xs));
  const yAxis = yScale === 'log' ? logAxis(Math.min(...ys), Math.max(...ys)) : linearAxis(Math.min(...ys), Math.max(...ys));
  const px = (x: number) => area.left + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * area.width;
  const py = (y: number) => area.top + area.height - ((yAxis.map(y) - yAxis.map(yAxis.min)) / (yAxis.map(yAxis.max) - yAxis.map(yAxis.min))) * area.height;
  const bottom = area.top + area.height;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${fmt(width / 2)}" y="20" text-anchor="middle" font-size="14">${escapeXml(options.title)}</text>`,
    '<g class="x-axis" stroke="#888">',
    `<line x1="${fmt(area.left)}" y1="${fmt(bottom)}" x2="${fmt(area.left + area.width)}" y2="${fmt(bottom)}"/>`,
    ...xAxis.ticks.map((t) => tick(px(t.value), bottom, 'x', t.label)),
    '</g>',
    '<g class="y-axis" stroke="#888">',
    `<line x1="${fmt(area.left)}" y1="${fmt(area.top)}" x2="${fmt(area.left)}" y2="${fmt(bottom)}"/>`,
    ...yAxis.ticks.map((t) => tick(area.left, py(t.value), 'y', t.label, area.width)),
    '</g>',
    `<text x="${fmt(area.left + area.width / 2)}" y="${fmt(height - 12)}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${fmt(area.top + area.height / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  ];
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    out.push(`<g class="series" data-name="${escapeXml(s.name)}" fill="none" stroke="${colour}" stroke-width="1.5">`);
    for (const run of drawableRuns(s.points, drawable)) {
      const points = run.map(([x, y]) => `${fmt(px(x))},${fmt(py(y))}`).join(' ');
      out.push(run.length === 1 ? `<circle cx="${fmt(px(run[0][0]))}" cy="${fmt(py(run[0][1]))}" r="2" fill="${colour}"/>` : `<polyline points="${points}"/>`);
    }
    out.push('</g>');
  });
  out.push('<g class="legend">');
  series.forEach((s, i) => {
    const y = area.top + 12 + 18 * i;
    const x = area.left + area.width - 150;
    out.push(
      `<line x1="${fmt(x)}" y1="${fmt(y)}" x2="${fmt(x + 24)}" y2="${fmt(y)}" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2"/>`,
      `<text x="${fmt(x + 30)}" y="${fmt(y + 4)}">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

interface Axis {
  readonly min: number;
  readonly max: number;
  /** Position along the axis before scaling: the value, or its log₁₀. */
  readonly map: (v: number) => number;
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
}

/** Ticks at 1, 2 or 5 × 10ᵏ, about five of them, the range widened to whole ticks. */
function linearAxis(lo: number, hi: number): Axis {
  if (lo === hi) return linearAxis(lo - (Math.abs(lo) || 1) / 2, hi + (Math.abs(hi) || 1) / 2);
  const rough = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const count = Math.round((max - min) / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, k) => {
    const value = min + k * step;
    return { value, label: value.toFixed(decimals) };
  });
  return { min, max, map: (v) => v, ticks };
}

/** Whole decades 10ᵏ around the range, a tick and a label 10ᵏ at each (every second one past twelve decades). */
function logAxis(lo: number, hi: number): Axis {
  const first = Math.floor(Math.log10(lo));
  const last = Math.max(first + 1, Math.ceil(Math.log10(hi)));
  const every = last - first > 12 ? 2 : 1;
  const ticks = [];
  for (let k = first; k <= last; k += every) ticks.push({ value: 10 ** k, label: `10^${k}` });
  return { min: 10 ** first, max: 10 ** last, map: Math.log10, ticks };
}

/** A tick mark with its label (x: below the axis; y: left of it, with a light grid line across the plot). */
function tick(x: number, y: number, axis: 'x' | 'y', label: string, gridWidth = 0): string {
  if (axis === 'x') {
    return `<line x1="${fmt(x)}" y1="${fmt(y)}" x2="${fmt(x)}" y2="${fmt(y + 5)}"/><text x="${fmt(x)}" y="${fmt(y + 18)}" text-anchor="middle" stroke="none" fill="black">${escapeXml(label)}</text>`;
  }
  const text = label.startsWith('10^')
    ? `10<tspan dy="-5" font-size="9">${escapeXml(label.slice(3).replace('-', '−'))}</tspan>`
    : escapeXml(label);
  return (
    `<line x1="${fmt(x - 5)}" y1="${fmt(y)}" x2="${fmt(x)}" y2="${fmt(y)}"/>` +
    `<line x1="${fmt(x)}" y1="${fmt(y)}" x2="${fmt(x + gridWidth)}" y2="${fmt(y)}" stroke="#e4e4e4"/>` +
    `<text x="${fmt(x - 8)}" y="${fmt(y + 4)}" text-anchor="end" stroke="none" fill="black" data-value="${escapeXml(label)}">${text}</text>`
  );
}

/** The maximal runs of consecutive drawable points. */
function drawableRuns(points: PlotSeries['points'], drawable: (y: number) => boolean): (readonly [number, number])[][] {
  const runs: (readonly [number, number])[][] = [];
  let current: (readonly [number, number])[] = [];
  for (const p of points) {
    if (Number.isFinite(p[0]) && drawable(p[1])) current.push(p);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** Two decimals at most, no trailing zeros: coordinates stay short and deterministic. */
function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
