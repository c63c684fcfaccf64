/** How fit runs an epoch: the (standardized) training rows, their order and the batch buffers. */
interface BatchPlan {
  readonly X: Float64Array;
  /** Target rows, or class labels (spread into one-hot rows of batchY). */
  readonly Y: Float64Array | ClassLabels;
  readonly n: number;
  /** Rows per step; the last batch of an epoch may be shorter. */
  readonly batch: number;
  /** Row order, reshuffled in place each epoch. */
  readonly order: Int32Array;
  /** Rows of the current batch, gathered in `order` (X and Y themselves for a full batch). */
  readonly batchX: Float64Array;
  readonly batchY: Float64Array;
  readonly fullBatch: boolean;
  readonly onStep: ((step: number, loss: number) => void) | undefined;
}
