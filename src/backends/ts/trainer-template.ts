import { readTemplate } from '../../util/templates.js';

/**
 * The parts of templates/trainer/, the runtime every network module includes
 * once, in the order the module holds them. From network-trainer.ts to
 * progress-line.ts they are the body of one class, NetworkTrainer: its
 * #private members are shared across the parts, so only the parts before it
 * are TypeScript modules on their own (contract.ts is the one the tests import
 * types from); test/trainer-template.test.ts type-checks the whole.
 */
export const TRAINER_PARTS = [
  'contract.ts', // the types a caller and the generated subclass share: Dataset, FitOptions, FitResult, ModelJSON, …
  'column-scaling.ts', // standardization of columns: x̂ = (x − μ) / σ and back
  'parameter-info.ts', // one entry of parameterLayout
  'batch-plan.ts', // how fit runs an epoch
  'network-trainer.ts', // the class opens: what the generated subclass provides, and the state
  'training-step.ts', // lossAndGradient, trainStep, the learning rate
  'random.ts', // the seeded PRNG, dropout masks, Gaussian draws
  'initialization.ts', // Xavier / He initialization
  'fit.ts', // fit: the epoch loop, validation, early stopping, shuffling
  'evaluation.ts', // evaluate, predict, predictBatch, gradientNorms
  'standardization.ts', // setStandardization and the row copies that apply it
  'serialization.ts', // toJSON, loadJSON
  'row-checks.ts', // the row counts a public entry point is given
  'json-checks.ts', // what loadJSON is given: its text, format, architecture, standardization
  'helpers.ts', // counted(), #reserve
  'dataset-checks.ts', // what fit and evaluate are given: X, Y and n, class labels
  'argument-checks.ts', // what a JavaScript caller may pass: fit's options (unknown keys: did you mean), a dataset's shape, described()
  'progress-line.ts', // verbose's line per epoch; the class closes
] as const;

/** The trainer template as one text: its parts, a blank line between. */
export function trainerTemplate(): string {
  return TRAINER_PARTS.map((part) => readTemplate(`trainer/${part}`)).join('\n');
}
