/** One Float64Array of the workspace (a field of the generated class). */
export interface WorkspaceSlot {
  readonly name: string;
  /** Elements, or elements per row when batched. */
  readonly length: number;
  readonly batched: boolean;
}

/**
 * The workspace: a fixed set of Float64Array slots (like CasADi's work
 * vector) that tensors borrow while they are live. A slot is keyed by its
 * size — elements, or elements per row when batched — so every array keeps
 * its exact length. Programs that never run at the same time (a trainer's
 * train, predict and evaluate) draw from one pool: each starts with every
 * slot free.
 */
export class Workspace {
  readonly #slots: WorkspaceSlot[] = [];
  readonly #busy = new Set<WorkspaceSlot>();
  #used: WorkspaceSlot[] = [];

  /** Every slot made so far, in creation order. */
  get slots(): readonly WorkspaceSlot[] {
    return this.#slots;
  }

  /** Starts a program: all slots are free again. */
  begin(): void {
    this.#busy.clear();
    this.#used = [];
  }

  /** Slots the current program has used, in order of first use. */
  get used(): readonly WorkspaceSlot[] {
    return this.#used;
  }

  /** The first free slot of this size, or a new one. */
  acquire(length: number, batched: boolean): WorkspaceSlot {
    let slot = this.#slots.find((s) => s.length === length && s.batched === batched && !this.#busy.has(s));
    if (slot === undefined) {
      slot = { name: `ws${this.#slots.length}`, length, batched };
      this.#slots.push(slot);
    }
    this.#busy.add(slot);
    if (!this.#used.includes(slot)) this.#used.push(slot);
    return slot;
  }

  release(slot: WorkspaceSlot): void {
    if (!this.#busy.delete(slot)) throw new Error(`workspace slot ${slot.name} released twice`);
  }
}
