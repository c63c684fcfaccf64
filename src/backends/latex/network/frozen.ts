import { type NetworkContext } from './context.js';
import { describeLayer } from './layer-tex.js';
import { listed } from '../../../util/plural.js';

/** The frozen parameter arrays as the notes write them ($b^{1}$, $W^{2}$), layout order. */
export function frozenSymbols(c: NetworkContext): string[] {
  return c.net.layout.filter((p) => p.frozen === true)
    .map((p) => c.out.inline(describeLayer(c, p.layer).parameters.find((q) => q.name === p.name)?.tex ?? p.name));
}

/**
 * The one sentence that states the frozen parameters (Mazur's shared biases, a
 * frozen layer): given and fixed, so no gradient and no update; undefined when none is.
 */
export function frozenSentence(c: NetworkContext): string | undefined {
  const names = frozenSymbols(c);
  if (names.length === 0) return undefined;
  const one = names.length === 1;
  return `${listed(names)} ${one ? 'is' : 'are'} frozen: given and fixed, not trained, so ${one ? 'it has' : 'they have'} no gradient `
    + `and the update leaves ${one ? 'it' : 'them'} as ${one ? 'it is' : 'they are'}.`;
}
