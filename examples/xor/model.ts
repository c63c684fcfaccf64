// Exercise: XOR — the problem a single-layer perceptron cannot solve.
//
// The four patterns (x₁, x₂) ↦ y are
//     (0, 0) ↦ 0    (0, 1) ↦ 1    (1, 0) ↦ 1    (1, 1) ↦ 0.
// No line in the plane separates the 1s from the 0s, so a network without a
// hidden layer (logistic regression) cannot fit them. One hidden layer is
// enough: it maps the inputs to a space where the classes become separable.
//
// The network: 2 inputs → 4 tanh units → 1 sigmoid unit,
//     a¹ = tanh(W¹x + b¹)        W¹ is 4×2, b¹ has 4 entries
//     ŷ  = σ(W²a¹ + b²)          W² is 1×4, b² has 1 entry
// trained on binary cross-entropy ℓ = −y ln ŷ − (1 − y) ln(1 − ŷ), which the
// compiler computes from the logit z² = W²a¹ + b² (so it stays finite) and
// whose gradient at the logit is simply ŷ − y.
//
// Run it:  npm run example -- xor
// The derivation of every gradient (and one step in numbers, below) is in
// generated/xor/model.tex.
import { dense, network } from 'nncompile';

export const Xor = network({
  inputs: 2,
  layers: [dense(4, 'tanh'), dense(1, 'sigmoid')],
  loss: 'bce',
  // Full-batch gradient descent (all 4 patterns per step) with momentum 0.9:
  //     v ← 0.9 v + ∂L/∂θ,   θ ← θ − 0.5 v
  optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9, batchSize: 'full' },
  // Xavier/Glorot uniform initialization: W ~ U(−a, a) with a = √(6 / (fan_in + fan_out)).
  // A fixed seed makes every run identical.
  init: { kind: 'xavier', seed: 1 },
  // A worked example for the notes: small, fixed starting weights and one
  // pattern, (0, 1) ↦ 1. The notes run the forward pass, the backward pass and
  // one optimizer step on it with these numbers, so every formula can be
  // checked by hand. (Training itself starts from the random init above.)
  worked: {
    weights: [
      {
        W: [
          [0.5, -0.5],
          [-0.4, 0.6],
          [0.3, 0.3],
          [-0.2, 0.1],
        ],
        b: [0, 0.1, -0.1, 0],
      },
      { W: [[0.4, 0.5, -0.3, 0.2]], b: [0] },
    ],
    x: [0, 1],
    y: [1],
  },
});
