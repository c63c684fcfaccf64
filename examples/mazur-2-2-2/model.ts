// Worked example: one backpropagation step through a 2-2-2 sigmoid network,
// exactly as Matt Mazur publishes it in "A Step by Step Backpropagation
// Example" (2015, https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/).
//
// His network: inputs i1, i2 → hidden h1, h2 → outputs o1, o2, all sigmoid,
//     w1 .15  w2 .20  (i1, i2 → h1)     w5 .40  w6 .45  (h1, h2 → o1)
//     w3 .25  w4 .30  (i1, i2 → h2)     w7 .50  w8 .55  (h1, h2 → o2)
// with one bias per layer shared by its units, b1 = .35 and b2 = .60, which
// he does not update. In this model's names, W1 = [[w1, w2], [w3, w4]],
// W2 = [[w5, w6], [w7, w8]] (a row per receiving unit: w^l_{ij} weighs unit j
// of layer l−1 into unit i of layer l), b1 and b2 are one number each.
//
// The example: inputs .05, .10 with targets .01, .99; the error is
// E_total = Σ ½ (target − out)², the learning rate 0.5.
// His published numbers, which the notes reproduce (and a test checks):
//     net_h1 = 0.3775, out_h1 = 0.593269992, out_o1 = 0.75136507,
//     E_total = 0.298371109, ∂E_total/∂w5 = 0.082167041,
//     w5⁺ = 0.35891648, w1⁺ = 0.149780716.
//
// Compile it:  npx nncompile examples/mazur-2-2-2/model.ts --out generated/mazur-2-2-2
// and read generated/mazur-2-2-2/model.tex.
import { dense, network } from 'nncompile';

export const Mazur = network({
  inputs: 2,
  layers: [
    // one bias shared by the layer's units, left alone by training (as published)
    dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] }),
    dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] }),
  ],
  // E = ½ Σ_k (out_k − target_k)², summed over the examples of a batch
  loss: { kind: 'mse', half: true, reduction: 'sum' },
  // plain gradient descent, one example per step: w⁺ = w − η ∂E/∂w
  optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
  worked: {
    weights: [
      { W: [[0.15, 0.2], [0.25, 0.3]], b: 0.35 },
      { W: [[0.4, 0.45], [0.5, 0.55]], b: 0.6 },
    ],
    x: [0.05, 0.1],
    y: [0.01, 0.99],
    // Mazur: "after repeating this process 10,000 times … the error plummets";
    // the notes show the first three steps (the loss after each).
    steps: 3,
  },
});
