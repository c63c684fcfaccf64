// Exercise: logistic regression for breast-cancer diagnosis.
//
// Data (data/breast_cancer.csv, UCI "Breast Cancer Wisconsin (Diagnostic)"):
// 569 tumours, each described by 30 numbers measured on a digitized image of
// a fine-needle aspirate of the mass (radius, texture, perimeter, area,
// smoothness, … of the cell nuclei: mean, standard error and worst value of
// each of ten measurements). The label is y = 1 for benign, y = 0 for
// malignant.
//
// The model has no hidden layer — it is logistic regression written as a
// network with one sigmoid unit:
//     p(benign | x) = ŷ = σ(w·x̂ + b),     x̂ = (x − μ) / σ
// where μ and σ are the mean and standard deviation of every feature over
// the training rows (`standardize: true`: fitted once by fit(), stored with
// the model, applied to every later input). Without standardization the
// features span 0.001…4000 and one learning rate cannot suit them all.
//
// Training minimizes the mean binary cross-entropy
//     L = (1/n) Σ −y ln ŷ − (1 − y) ln(1 − ŷ)  +  (λ/2)‖w‖²
// whose gradient is ∂L/∂w = (1/n) Σ (ŷ − y) x̂ + λw — the notes derive it.
// L is convex in (w, b), so any reasonable optimizer reaches the same
// minimum; the small L2 penalty λ keeps w finite if the classes are
// (nearly) separable.
//
// Run it:  npm run example -- logistic
import { dense, network } from 'nncompile';

export const BreastCancer = network({
  inputs: 30,
  layers: [dense(1, 'sigmoid')],
  loss: 'bce',
  // Mini-batch Adam: 32 tumours per step.
  optimizer: { kind: 'adam', lr: 0.01, batchSize: 32 },
  regularization: { l2: 1e-3 },
  init: { kind: 'xavier', seed: 1 },
  standardize: true,
});
