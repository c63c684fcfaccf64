import type { Graph, NodeId } from '../../ir/graph.js';
import { numberLiteral } from './format.js';

/** How code refers to a node: a constant's literal, else its name. */
export function reference(g: Graph, id: NodeId, nameOf: (id: NodeId) => string): string {
  const value = g.constantValue(id);
  return value === undefined ? nameOf(id) : numberLiteral(value);
}
