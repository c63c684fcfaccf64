import type { Figure, FigureEdge, FigureNode } from '../../../doc/figure.js';

/** What the unrolled graph shows: the recurrent layers (bottom to top) and where the loss is. */
export interface UnrolledGraph {
  /** One row of state nodes per recurrent layer: `h^{1}`, `h^{2}`. */
  readonly layers: readonly string[];
  /** Per recurrent layer, the label of its input-to-state and state-to-state edges (`W^{1}`, `U^{1}`), when it has one matrix of each. */
  readonly weights: readonly ({ readonly input: string; readonly recurrent: string } | undefined)[];
  /** The head's label on the edge from the top state to ŷ_t (`W^{2}`), or none when the head has several layers. */
  readonly head?: string;
  /** The loss is on every step (many-to-many) or on the last only. */
  readonly lossEveryStep: boolean;
  /** The columns drawn, e.g. ['1', '2', 'T'] (a gap ⋯ before a column that does not follow its left neighbour). */
  readonly columns: readonly string[];
}

// In cm on the page (1 unit = 1 cm).
const COLUMN = 2.6; // distance between steps
const ROW = 1.7; // distance between rows (input, layers, output, loss)
const LEFT = 1.6; // room for h_0
const SIZE = 0.95;

/**
 * The network unrolled over time as a figure of the document model (TikZ in
 * the .tex, SVG in the .html): x_t at the bottom, a row of states per
 * recurrent layer (each h_t fed by the row below at the same step and by its
 * own h_{t−1} from the left, h_0 at the far left), then the head's ŷ_t and
 * the loss ℓ_t, at every step or at the last one. A column that does not
 * follow its left neighbour (T after 2) is reached through a ⋯.
 */
export function unrolledFigure(graph: UnrolledGraph): Figure {
  const { layers, columns, lossEveryStep } = graph;
  const nodes: FigureNode[] = [];
  const edges: FigureEdge[] = [];
  const x = (k: number) => LEFT + COLUMN * k + COLUMN / 2;
  const y = (row: number) => 0.6 + ROW * row;
  const id = (kind: string, row: number, k: number) => `${kind}-${row}-${k}`;
  layers.forEach((h, r) => nodes.push({ id: id('h0', r, 0), at: { x: LEFT / 2, y: y(r + 1) }, label: `${h}_{0}`, shape: 'plain' }));
  columns.forEach((t, k) => {
    nodes.push({ id: id('x', 0, k), at: { x: x(k), y: y(0) }, label: `x_{${t}}`, shape: 'box', size: SIZE });
    const gap = k > 0 && columns[k - 1] !== String(Number(t) - 1);
    layers.forEach((h, r) => {
      const here = id('h', r, k);
      const weights = graph.weights[r];
      nodes.push({ id: here, at: { x: x(k), y: y(r + 1) }, label: `${h}_{${t}}`, size: SIZE });
      edges.push({ from: r === 0 ? id('x', 0, k) : id('h', r - 1, k), to: here, ...(weights ? { label: weights.input } : {}) });
      const previous = k === 0 ? id('h0', r, 0) : id('h', r, k - 1);
      if (gap) {
        const dots = id('gap', r, k);
        nodes.push({ id: dots, at: { x: x(k) - COLUMN / 2, y: y(r + 1) }, label: '\\cdots', shape: 'plain' });
        edges.push({ from: previous, to: dots }, { from: dots, to: here });
      } else {
        edges.push({ from: previous, to: here, ...(weights ? { label: weights.recurrent } : {}) });
      }
    });
    if (lossEveryStep || k === columns.length - 1) {
      const top = layers.length + 1;
      nodes.push({ id: id('yhat', top, k), at: { x: x(k), y: y(top) }, label: `\\hat{y}_{${t}}`, size: SIZE });
      nodes.push({ id: id('loss', top + 1, k), at: { x: x(k), y: y(top + 1) }, label: `\\ell_{${t}}`, shape: 'box', size: SIZE });
      edges.push({ from: id('h', layers.length - 1, k), to: id('yhat', top, k), ...(graph.head ? { label: graph.head } : {}) });
      edges.push({ from: id('yhat', top, k), to: id('loss', top + 1, k) });
    }
  });
  const rows = layers.length + 3;
  return {
    view: { xMin: 0, xMax: LEFT + COLUMN * columns.length, yMin: 0, yMax: y(rows - 1) + 0.6, width: LEFT + COLUMN * columns.length },
    nodes,
    edges,
  };
}
