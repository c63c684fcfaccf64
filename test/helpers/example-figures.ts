import type { Figure } from '../../src/backends/doc/figure.js';
import { contourCurves } from '../../src/backends/doc/contour.js';

/** The computational graph of J = cos(sin(x²) + 3x²) at x = 0.5: values on the nodes, local derivatives on the edges. */
export const GRAPH: Figure = {
  view: { xMin: 0, xMax: 8, yMin: 0, yMax: 3, width: 12 },
  nodes: [
    { id: 'x', at: { x: 0.6, y: 1.5 }, label: 'x', value: '0.5', shape: 'box', width: 1.1, note: '\\bar{x} = -1.3' },
    { id: 'v1', at: { x: 2.2, y: 1.5 }, label: 'v_{1}', value: '0.25' },
    { id: 'v2', at: { x: 3.9, y: 2.4 }, label: 'v_{2}', value: '0.247404' },
    { id: 'v3', at: { x: 3.9, y: 0.6 }, label: 'v_{3}', value: '0.75' },
    { id: 'v4', at: { x: 5.6, y: 1.5 }, label: 'v_{4}', value: '0.997404' },
    { id: 'v5', at: { x: 7.3, y: 1.5 }, label: 'J', value: '0.542485' },
  ],
  edges: [
    { from: 'x', to: 'v1', label: '2x' },
    { from: 'v1', to: 'v2', label: '\\cos v_{1}' },
    { from: 'v1', to: 'v3', label: '3' },
    { from: 'v2', to: 'v4', label: '1' },
    { from: 'v3', to: 'v4', label: '1' },
    { from: 'v4', to: 'v5', label: '-\\sin v_{4}' },
  ],
};

/** Mazur's 2-2-2 network: inputs, hidden and output units, the weights named as the notes name them. */
export const NETWORK: Figure = {
  view: { xMin: 0, xMax: 6, yMin: 0, yMax: 4, width: 10 },
  nodes: [
    { id: 'x1', at: { x: 0.7, y: 3 }, label: 'x_{1}' },
    { id: 'x2', at: { x: 0.7, y: 1 }, label: 'x_{2}' },
    { id: 'h1', at: { x: 3, y: 3 }, label: 'a^{1}_{1}' },
    { id: 'h2', at: { x: 3, y: 1 }, label: 'a^{1}_{2}' },
    { id: 'o1', at: { x: 5.3, y: 3 }, label: 'a^{2}_{1}' },
    { id: 'o2', at: { x: 5.3, y: 1 }, label: 'a^{2}_{2}' },
    { id: 'b1', at: { x: 1.8, y: 0.2 }, label: 'b^{1}', shape: 'box', size: 0.6, dashed: true },
  ],
  edges: [
    ...['1', '2'].flatMap((i) => ['1', '2'].flatMap((j) => [
      { from: `x${j}`, to: `h${i}`, label: `w^{1}_{${i}${j}}`, labelAt: 0.3 },
      { from: `h${j}`, to: `o${i}`, label: `w^{2}_{${i}${j}}`, labelAt: 0.3 },
    ])),
    { from: 'b1', to: 'h1', dashed: true },
    { from: 'b1', to: 'h2', dashed: true },
  ],
};

const f1 = (x: number) => x * x - 2 * x + 2;
/** x₀ = 3, x_{n+1} = x_n − η f′(x_n) with f′(x) = 2x − 2, η = 0.3. */
const iterates = [3];
while (iterates.length < 4) iterates.push(iterates[iterates.length - 1] - 0.3 * (2 * iterates[iterates.length - 1] - 2));

/** f(x) = x² − 2x + 2 with gradient-descent iterates (η = 0.3). */
export const CURVE: Figure = {
  view: { xMin: -0.5, xMax: 3.5, yMin: 0, yMax: 6, width: 9, height: 6 },
  axes: { x: { label: 'x', ticks: [0, 1, 2, 3], tickLabels: ['0', '1', '2', '3'] }, y: { label: 'f(x)', ticks: [0, 2, 4, 6] } },
  curves: [
    { points: Array.from({ length: 81 }, (_v, i) => ({ x: -0.5 + i * 0.05, y: f1(-0.5 + i * 0.05) })) },
    { points: iterates.map((x) => ({ x, y: f1(x) })), style: 'path' },
  ],
  points: iterates.map((x, n) => ({ at: { x, y: f1(x) }, label: `x_{${n}}` })),
};

const f2 = (x: number, y: number) => x * x + 3 * y * y;
/** From (2, 1.5), (x, y) ← (x, y) − η ∇f with ∇f = (2x, 6y), η = 0.1. */
const path = [{ x: 2, y: 1.5 }];
while (path.length < 5) {
  const { x, y } = path[path.length - 1];
  path.push({ x: x - 0.1 * 2 * x, y: y - 0.1 * 6 * y });
}
const contourView = { xMin: -2.5, xMax: 2.5, yMin: -2, yMax: 2, width: 8 };

/** Level curves of f(x, y) = x² + 3y² with a gradient-descent path. */
export const CONTOUR: Figure = {
  view: contourView,
  axes: { x: { label: 'x', ticks: [-2, -1, 0, 1, 2] }, y: { label: 'y', ticks: [-2, -1, 0, 1, 2] } },
  curves: [...contourCurves(f2, contourView, [0.5, 1, 2, 4, 8], 40), { points: path, style: 'path' }],
  points: [{ at: path[0], label: '(x_{0}, y_{0})', anchor: 'above right' }, { at: { x: 0, y: 0 }, label: '\\min', anchor: 'below' }],
};

export const EXAMPLE_FIGURES = { GRAPH, NETWORK, CURVE, CONTOUR } as const;
