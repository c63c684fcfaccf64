// Everything `import ... from 'nncompile'` gives a model.ts file.
export { expr, type DescentOptions, type ExprOptions, type ExprSpec } from './expr.js';
export { dense, gru, lstm, network, rnn } from './network.js';
export type * from './network.js';
export { notes, type NotesOptions, type NotesSpec } from './notes.js';
export {
  differentiable, type DifferentiableOptions, type DifferentiableSpec,
} from './differentiable.js';
