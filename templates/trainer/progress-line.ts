  /** `epoch 12/100  loss 0.1234  acc 97.50%  val_loss 0.2345  val_acc 95.00%  lr 0.01` */
  #progressLine(info: EpochInfo, lastEpoch: number): string {
    const num = (x: number) =>
      x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(3) : x.toFixed(4);
    const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
    const total = String(lastEpoch);
    const parts = [
      `epoch ${String(info.epoch).padStart(total.length)}/${total}`,
      `loss ${num(info.loss)}`,
    ];
    if (info.accuracy !== undefined) parts.push(`acc ${pct(info.accuracy)}`);
    if (info.valLoss !== undefined) parts.push(`val_loss ${num(info.valLoss)}`);
    if (info.valAccuracy !== undefined) parts.push(`val_acc ${pct(info.valAccuracy)}`);
    parts.push(`lr ${Number(info.learningRate.toPrecision(4))}`);
    return parts.join('  ');
  }
}

/** The class the generated subclass extends, as a type (for checking hand-written subclasses with tsc). */
export type NetworkTrainerClass = typeof NetworkTrainer;
