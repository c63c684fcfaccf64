import { LOSSES, LOSS_REDUCTIONS, type Loss } from '../../dsl/network.js';
import type { ResolvedLayer } from './layers/registry.js';
import type { ResolvedNetwork } from './resolved.js';
import { checkBoolean, checkChoice, checkKeys, fail, isPresent, normalize, type Obj, type SpecPath } from './spec-checks.js';

const LOSS_ALIASES: Readonly<Record<string, Loss>> = {
  meansquarederror: 'mse', squarederror: 'mse', l2: 'mse', meanabsoluteerror: 'mae', absoluteerror: 'mae', l1: 'mae',
  binarycrossentropy: 'bce', bcewithlogits: 'bce', binary: 'bce', logistic: 'bce', sigmoidcrossentropy: 'bce',
  categoricalcrossentropy: 'cce', sparsecategoricalcrossentropy: 'cce', softmaxcrossentropy: 'cce',
  categorical: 'cce', nll: 'cce', multiclass: 'cce', sse: 'mse', sumofsquares: 'mse',
};
/** Cross-entropy without saying which: the output layer decides. */
const GENERIC_CROSS_ENTROPY = new Set(['crossentropy', 'crossentropyloss', 'ce', 'xent', 'logloss']);
const LISTING = "losses are 'mse', 'mae' (regression), 'bce' (binary cross-entropy, sigmoid output), "
  + "'cce' (categorical cross-entropy, softmax output)";
const CONVENTION_HINT = "write the loss as 'mse', or with its convention: { kind: 'mse', half: false, reduction: 'sum' } "
  + "(half: ½ Σ (a − y)², mse only, default true; reduction: 'mean' (default) or 'sum' over the batch)";
const CONVENTION_ALIASES: Readonly<Record<string, string>> = {
  type: 'kind', name: 'kind', reduce: 'reduction', average: 'reduction', batch: 'reduction', halved: 'half', onehalf: 'half',
};

/**
 * The loss, a name or `{ kind, half, reduction }`, checked against the output
 * layer and resolved with its convention (default ½ for mse, mean over the batch).
 */
export function resolveLoss(value: unknown, output: ResolvedLayer): Pick<ResolvedNetwork, 'loss' | 'lossConvention'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    checkLossKind(value, ['loss'], output);
    return { loss: value as Loss, lossConvention: { half: true, reduction: 'mean' } };
  }
  const spec = value as Obj;
  const path = ['loss'];
  checkKeys(spec, path, ['kind', 'half', 'reduction'], 'loss option', CONVENTION_ALIASES);
  if (!isPresent(spec, 'kind')) fail(path, 'the loss needs a kind', CONVENTION_HINT);
  checkLossKind(spec.kind, [...path, 'kind'], output);
  const kind = spec.kind as Loss;
  if (isPresent(spec, 'half')) {
    checkBoolean(spec.half, [...path, 'half'], 'loss.half', CONVENTION_HINT);
    if (kind !== 'mse') {
      fail([...path, 'half'], `half only applies to 'mse', but the loss is '${kind}'`,
        "½ (a − y)² is a convention of the squared error; remove half, or use kind: 'mse'");
    }
  }
  if (isPresent(spec, 'reduction')) {
    checkChoice(spec.reduction, [...path, 'reduction'], 'loss reduction', LOSS_REDUCTIONS, { average: 'mean', avg: 'mean', total: 'sum' },
      "reduction is 'mean' (the batch loss is the mean of the examples' losses, the default) or 'sum'");
  }
  return {
    loss: kind,
    lossConvention: {
      half: (spec.half as boolean | undefined) ?? true,
      reduction: (spec.reduction as ResolvedNetwork['lossConvention']['reduction'] | undefined) ?? 'mean',
    },
  };
}

/** A loss name that exists and fits the output layer (bce: sigmoid, cce: softmax). */
function checkLossKind(loss: unknown, path: SpecPath, output: ResolvedLayer): void {
  if (typeof loss === 'string' && GENERIC_CROSS_ENTROPY.has(normalize(loss))) {
    const which = output.activation === 'softmax' ? "'cce' (the output layer is softmax)"
      : output.activation === 'sigmoid' ? "'bce' (the output layer is sigmoid)"
      : "'bce' (with a sigmoid output) or 'cce' (with a softmax output)";
    fail(path, `unknown loss '${loss}'`, `did you mean ${which}? ${LISTING}`);
  }
  checkChoice(loss, path, 'loss', LOSSES, LOSS_ALIASES, LISTING);
  const act = output.activation;
  if (loss === 'bce' && act !== 'sigmoid') {
    fail(path, `loss 'bce' needs a sigmoid output layer, but the output layer is '${act}'`,
      act === 'softmax'
        ? "with a softmax output over classes use loss 'cce'; for independent yes/no outputs use dense(k, 'sigmoid') with 'bce'"
        : `make the output layer dense(${output.units}, 'sigmoid') (bce is computed from its logits), or use loss 'mse' for regression`);
  }
  if (loss === 'cce' && act !== 'softmax') {
    fail(path, `loss 'cce' needs a softmax output layer, but the output layer is '${act}'`,
      act === 'sigmoid'
        ? "with a sigmoid output use loss 'bce'; for k classes use dense(k, 'softmax') with 'cce'"
        : `make the output layer dense(k, 'softmax') with one unit per class (k ≥ 2), or use loss 'mse' for regression`);
  }
}
