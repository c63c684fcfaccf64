// Exercise: regression — median house prices in Boston census tracts.
//
// Data (data/boston_house_prices.csv, Harrison & Rubinfeld 1978): 506 tracts;
// the target is MEDV, the median value of owner-occupied homes in k$ (1970s
// dollars, capped at 50). The loader keeps 12 features: crime rate, zoning,
// industry, Charles River, NOx, rooms per dwelling, age, distance to
// employment centres, highway access, tax rate, pupil–teacher ratio and %
// lower-status population. The file's column B is a function of the
// proportion of Black residents; it is dropped and never used.
//
// The model: 12 standardized inputs → 32 ReLU units → 1 linear output,
//     a¹ = relu(W¹x̂ + b¹),   ŷ = W²a¹ + b²        (ŷ in k$)
// trained on the mean squared error L = (1/n) Σ ½(ŷ − y)² + (λ/2)(‖W¹‖² + ‖W²‖²).
// A linear model ŷ = w·x̂ + b (least squares) is the baseline: train.ts solves
// it in closed form on the same split. The hidden layer lets the network
// bend the price curve (e.g. the strongly non-linear effect of rooms and of
// % lower-status population).
//
// Small data (≈320 training rows) and 449 parameters: the L2 penalty and
// early stopping on a validation split (in train.ts) keep it from fitting noise.
//
// Run it:  npm run example -- house-prices
import { dense, network } from 'nncompile';

export const HousePrices = network({
  inputs: 12,
  layers: [dense(32, 'relu'), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'adam', lr: 0.01, batchSize: 32 },
  regularization: { l2: 1e-3 },
  // He initialization (variance 2 / fan_in) suits ReLU units.
  init: { kind: 'he', seed: 1 },
  standardize: true,
});

// The standardization by hand: the same kind of network, small enough to work
// a training step in numbers, on three features of the first four tracts of
// the file (RM rooms per dwelling, LSTAT % lower-status population, PTRATIO
// pupil–teacher ratio → MEDV in k$). x is given in the data's own units;
// standardize: 'batch' has the notes work each feature's mean and standard
// deviation over these four tracts (as fit does over the training rows) and
// x_j = (x_raw,j − μ_j)/σ_j row by row, before the forward pass.
export const HousePricesByHand = network({
  inputs: 3,
  layers: [dense(3, 'relu'), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.01, batchSize: 4 },
  init: { kind: 'he', seed: 1 },
  standardize: true,
  worked: {
    weights: [
      { W: [[0.4, -0.2, 0.3], [0.1, 0.5, -0.4], [-0.3, 0.2, 0.6]], b: [0.1, 0, -0.1] },
      // the output bias starts near the tracts' mean price, 22 k$
      { W: [[0.7, -0.5, 0.4]], b: [22] },
    ],
    //   RM     LSTAT  PTRATIO          MEDV
    x: [[6.575, 4.98, 15.3], [6.421, 9.14, 17.8], [7.185, 4.03, 17.8], [6.998, 2.94, 18.7]],
    y: [[24], [21.6], [34.7], [33.4]],
    standardize: 'batch',
    steps: 3,
  },
});
