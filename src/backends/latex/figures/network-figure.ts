import type { Figure, FigureEdge, FigureNode } from '../../doc/figure.js';
import { placeEdgeLabels } from '../../doc/figure-geometry.js';
import { layoutProblems } from '../../doc/figure-edges.js';
import { type NetworkContext, oneTo, unitSym, weightSym } from '../network/context.js';

/** A layer wider than this is not drawn unit by unit. */
export const MAX_DRAWN_UNITS = 12;
/** Weights are labelled when a layer has at most this many (more labels than that do not read); biases when it has at most 2 units. */
const MAX_WEIGHT_LABELS = 6;
/** Page geometry (cm): between layers (at most; closer for a deep network), between units, a unit's diameter. */
const LAYER_GAP = 3.6;
/** The widest a figure may be (cm): the text width of the notes' page, 16 cm, less a margin. */
const MAX_WIDTH = 15.5;
const UNIT_GAP = 1.5;
const UNIT = 0.9;

/**
 * A small network as a figure: the inputs x_j, then each layer's units
 * a^l_i, an edge per weight (labelled w^l_ij, as the notes name it, when the
 * layer has few), each layer's bias as a box b^l joined to its units (one
 * number for all of them when shared), frozen parameters dashed. The bias box
 * of layer l stands under the column of layer l − 1, like one more input of
 * the layer (the textbooks' "+1 unit"): its edges run with the weights' and
 * pass through no unit. Undefined for a layer wider than MAX_DRAWN_UNITS, a
 * layer without a weight array, or a layout with a problem (layoutProblems).
 */
export function networkFigure(c: NetworkContext): Figure | undefined {
  if (c.sizes.some((n) => n > MAX_DRAWN_UNITS)) return undefined;
  // when the weights' labels cannot be placed clear of the edges, the network without them (the caption names them)
  return drawn(c, true) ?? drawn(c, false);
}

/** The figure, its weights labelled when `weightLabels` and few enough; undefined when its layout has a problem. */
function drawn(c: NetworkContext, weightLabels: boolean): Figure | undefined {
  const { sizes, depth } = c;
  const tallest = Math.max(...sizes);
  const bottom = UNIT_GAP; // a row under the units for the bias boxes
  const height = bottom + (tallest - 1) * UNIT_GAP + UNIT + 0.2;
  const unitY = (l: number, i: number) => bottom + ((tallest - sizes[l]) / 2 + (i - 1)) * UNIT_GAP + UNIT / 2 + 0.1;
  // a deep network's layers drawn closer, so that the figure fits the page
  const gap = Math.min(LAYER_GAP, (MAX_WIDTH - UNIT - 0.2) / depth);
  const x = (l: number) => UNIT / 2 + 0.1 + l * gap;
  const id = (l: number, i: number) => `u${l}-${i}`;
  const nodes: FigureNode[] = [];
  const edges: FigureEdge[] = [];
  for (let l = 0; l <= depth; l++) {
    // the first unit at the top
    for (const i of oneTo(sizes[l])) {
      nodes.push({ id: id(l, i), at: { x: x(l), y: unitY(l, sizes[l] + 1 - i) }, label: l === 0 ? `x_{${i}}` : unitSym('a', l, i), size: UNIT });
    }
  }
  for (let l = 1; l <= depth; l++) {
    const slots = c.net.layout.filter((p) => p.layer === l);
    const weights = slots.find((p) => p.role === 'weight');
    if (!weights) return undefined;
    const labelled = weightLabels && sizes[l] * sizes[l - 1] <= MAX_WEIGHT_LABELS;
    for (const i of oneTo(sizes[l])) {
      for (const j of oneTo(sizes[l - 1])) {
        edges.push({ from: id(l - 1, j), to: id(l, i), ...(labelled ? { label: weightSym(c, l, i, j) } : {}), ...(weights.frozen ? { dashed: true } : {}) });
      }
    }
    const bias = slots.find((p) => p.role === 'bias');
    if (!bias) continue;
    const shared = bias.shape.length === 0;
    const box = `b${l}`;
    nodes.push({ id: box, at: { x: x(l - 1), y: UNIT / 2 }, label: `b^{${l}}`, shape: 'box', size: 0.6, width: 0.8, ...(bias.frozen ? { dashed: true } : {}) });
    for (const i of oneTo(sizes[l])) {
      const label = shared || sizes[l] > 2 ? {} : { label: `b^{${l}}_{${i}}` };
      edges.push({ from: box, to: id(l, i), ...label, ...(bias.frozen ? { dashed: true } : {}) });
    }
  }
  const width = x(depth) + UNIT / 2 + 0.1;
  const figure = placeEdgeLabels({ view: { xMin: 0, xMax: width, yMin: 0, yMax: height, width }, nodes, edges });
  return layoutProblems(figure).length === 0 ? figure : undefined;
}
