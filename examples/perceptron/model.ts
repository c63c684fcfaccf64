// Worked example: the learning rule of a linear unit (ADALINE, the
// Widrow–Hoff or delta rule), as the gradient-descent step on the squared error.
//
// One unit with two inputs and a bias: ŷ = w₁ x₁ + w₂ x₂ + b. On an example
// (x, y) the error is E = ½ (ŷ − y)², so ∂E/∂wⱼ = (ŷ − y) xⱼ and ∂E/∂b = ŷ − y,
// and gradient descent is the rule
//     wⱼ ← wⱼ + η (y − ŷ) xⱼ,    b ← b + η (y − ŷ).
// With a mini-batch the step uses the mean of the examples' gradients.
//
// The batch: four points of the line y = 2 x₁ − x₂ + 1, starting from w = (0.5, 0.5), b = 0
// with η = 0.1; the notes work the first step on all four examples and the loss
// after each of five steps.
//
// Compile it:  npx nncompile examples/perceptron/model.ts --out generated/perceptron
import { dense, network } from 'nncompile';

export const LinearUnit = network({
  inputs: 2,
  layers: [dense(1, 'linear')],
  // ½ (ŷ − y)² per example, averaged over the batch
  loss: { kind: 'mse', half: true, reduction: 'mean' },
  optimizer: { kind: 'sgd', lr: 0.1, batchSize: 4 },
  worked: {
    weights: [{ W: [[0.5, 0.5]], b: [0] }],
    x: [[1, 0], [0, 1], [1, 1], [2, 1]],
    y: [[3], [0], [2], [4]],
    steps: 5,
  },
});
