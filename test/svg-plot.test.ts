// The examples' SVG line plot (examples/svg-plot.ts): well-formed XML, and
// every point drawn where the axes' own ticks say its value is.
import { describe, expect, it } from 'vitest';
import { linePlotSvg, type PlotSeries } from '../examples/svg-plot.js';
import { elementsNamed, parseXml, textOf, type XmlElement } from './helpers/xml.js';

const decay: PlotSeries = { name: 'simple RNN', points: Array.from({ length: 50 }, (_, t) => [t + 1, 10 ** (-t / 7)] as const) };
const flat: PlotSeries = { name: 'LSTM <gated>', points: Array.from({ length: 50 }, (_, t) => [t + 1, 0.05 * (1 + 0.1 * Math.sin(t))] as const) };
const options = { title: 'gradient norms ‖∂L/∂h_t‖ & steps', xLabel: 'step t', yLabel: '‖∂L/∂h_t‖', yScale: 'log' as const };

/** The group of an axis or a series, by class (and name). */
function group(root: XmlElement, cls: string, name?: string): XmlElement {
  const g = elementsNamed(root, 'g').find((e) => e.attributes.class === cls && (name === undefined || e.attributes['data-name'] === name));
  if (!g) throw new Error(`no <g class="${cls}"${name ? ` data-name="${name}"` : ''}>`);
  return g;
}

/** Pixel coordinates of a polyline's points. */
const pointsOf = (polyline: XmlElement) => polyline.attributes.points.split(' ').map((p) => p.split(',').map(Number));

/**
 * The value → pixel map of an axis read back from two of its tick labels
 * (the label's position and its text), linear in the value or in its log.
 */
function axisFromTicks(root: XmlElement, axis: 'x' | 'y', log: boolean): (v: number) => number {
  const labels = elementsNamed(group(root, `${axis}-axis`), 'text');
  const read = (label: XmlElement) => {
    const text = textOf(label).replace('−', '-');
    const value = text.startsWith('10') && log ? 10 ** Number(text.slice(2)) : Number(text);
    const position = axis === 'x' ? Number(label.attributes.x) : Number(label.attributes.y) - 4;
    return { value: log ? Math.log10(value) : value, position };
  };
  const a = read(labels[0]);
  const b = read(labels[labels.length - 1]);
  return (v) => a.position + (((log ? Math.log10(v) : v) - a.value) / (b.value - a.value)) * (b.position - a.position);
}

describe('linePlotSvg', () => {
  const svg = linePlotSvg([decay, flat], options);
  const root = parseXml(svg);

  it('is well-formed XML with an svg root, escaping the text it is given', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(textOf(elementsNamed(root, 'title')[0])).toBe(options.title);
    expect(svg).toContain('LSTM &lt;gated&gt;');
  });

  it('has decade ticks 10^k covering the data on the log axis', () => {
    const labels = elementsNamed(group(root, 'y-axis'), 'text').map((t) => textOf(t));
    expect(labels[0]).toBe('10−7'); // 10^(−49/7) = 10^−7
    expect(labels[labels.length - 1]).toBe('100');
    expect(labels.length).toBe(8);
  });

  it('draws every point of every series where the tick labels put its value', () => {
    const x = axisFromTicks(root, 'x', false);
    const y = axisFromTicks(root, 'y', true);
    for (const s of [decay, flat]) {
      const [polyline, ...more] = elementsNamed(group(root, 'series', s.name), 'polyline');
      expect(more).toEqual([]);
      const drawn = pointsOf(polyline);
      expect(drawn.length).toBe(s.points.length);
      drawn.forEach(([px, py], i) => {
        expect(px).toBeCloseTo(x(s.points[i][0]), 1);
        expect(py).toBeCloseTo(y(s.points[i][1]), 1);
      });
    }
  });

  it('lists each series in the legend, in its colour', () => {
    const legend = group(root, 'legend');
    expect(elementsNamed(legend, 'text').map(textOf)).toEqual(['simple RNN', 'LSTM <gated>']);
    const swatches = elementsNamed(legend, 'line').map((l) => l.attributes.stroke);
    const strokes = [decay, flat].map((s) => group(root, 'series', s.name).attributes.stroke);
    expect(swatches).toEqual(strokes);
    expect(new Set(strokes).size).toBe(2);
  });

  it('breaks a line at values a log axis cannot show (0, NaN) instead of joining across them', () => {
    const gappy: PlotSeries = { name: 'underflow', points: [[1, 1], [2, 0.1], [3, 0], [4, NaN], [5, 0.01], [6, 0.001], [7, 0]] };
    const doc = parseXml(linePlotSvg([gappy], options));
    const runs = elementsNamed(group(doc, 'series', 'underflow'), 'polyline').map((p) => pointsOf(p).length);
    expect(runs).toEqual([2, 2]);
  });

  it('puts linear ticks at round values and the points between them', () => {
    const s: PlotSeries = { name: 'line', points: [[0, 0.13], [10, 0.87]] };
    const doc = parseXml(linePlotSvg([s], { ...options, yScale: 'linear' }));
    const labels = elementsNamed(group(doc, 'y-axis'), 'text').map(textOf);
    expect(labels).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const y = axisFromTicks(doc, 'y', false);
    const [[, y0], [, y1]] = pointsOf(elementsNamed(doc, 'polyline')[0]);
    expect(y0).toBeCloseTo(y(0.13), 1);
    expect(y1).toBeCloseTo(y(0.87), 1);
  });

  it('refuses a plot with nothing to draw', () => {
    expect(() => linePlotSvg([{ name: 'zeros', points: [[1, 0]] }], options)).toThrow(/no point that can be drawn/);
  });
});

describe('parseXml (the test helper) rejects what is not XML', () => {
  it.each([
    ['<svg><g></svg>', /does not close/],
    ['<svg a="1" a="2"/>', /duplicate attribute/],
    ['<svg a=1/>', /quoted value/],
    ['<svg>a < b</svg>', /element name/],
    ['<svg>a & b</svg>', /bare &/],
    ['<svg/><svg/>', /after the root/],
    ['<svg>', /not closed/],
  ])('%s', (text, message) => {
    expect(() => parseXml(text)).toThrow(message);
  });
});
