/**
 * The four equations of backpropagation as Nielsen numbers them ("Neural
 * Networks and Deep Learning", ch. 2), tagged where the notes state them in
 * general: a student with the book open finds each one by its name.
 *   BP1  δ^L = ∇_a ℓ ⊙ f′(z^L)                 the output error
 *   BP2  δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)   the error of a layer from the next
 *   BP3  ∂ℓ/∂b^l_j = δ^l_j                      a bias's gradient
 *   BP4  ∂ℓ/∂w^l_{jk} = a^{l−1}_k δ^l_j         a weight's gradient
 */
export type NielsenEquation = 'BP1' | 'BP2' | 'BP3' | 'BP4';

/** A display formula tagged with its equations' names: `… \tag{BP1}`, printed (BP1) at the right margin (one tag per formula or align row). */
export function tagged(formula: string, ...equations: readonly NielsenEquation[]): string {
  return equations.length === 0 ? formula : `${formula} \\tag{${equations.join(', ')}}`;
}

/** The sentence that says what the tags are, for a network with (or without) a hidden layer. */
export function nielsenSentence(hidden: boolean): string {
  return `The tags (BP1)${hidden ? '--(BP4)' : ', (BP3) and (BP4)'} are the equations of backpropagation as Nielsen numbers them `
    + '(\\emph{Neural Networks and Deep Learning}, ch.~2): BP1 the output error, '
    + `${hidden ? 'BP2 the error of a layer from the error of the next, ' : ''}BP3 a bias's gradient, BP4 a weight's gradient`
    + `${hidden ? '' : ' (BP2, the error of a hidden layer, has no work here: there is no hidden layer)'}.`;
}
