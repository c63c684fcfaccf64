import { isPenalized } from './context.js';
import { scalarTex, updateRows } from './scalar-tex.js';
import { hyperParameters, type TrainingContext } from './training.js';

/** The update step() applies, with its hyper-parameters, clipping and schedule: the optimizer module's rule, printed. */
export function writeUpdate(c: TrainingContext): void {
  const { out, spec } = c;
  const rule = c.net.update;
  const scheduled = spec.schedule.kind !== 'constant';
  out.subsection('The update');
  // g is named by what it sums (L is the number of layers here; the batch's loss has no symbol of its own in the main text)
  const frozen = c.net.layout.some((p) => p.frozen === true);
  const over = `the ${spec.lossConvention.reduction === 'mean' ? 'mean' : 'sum'} of the batch's ${out.inline('\\partial \\ell / \\partial \\theta')}`
    + `${isPenalized(c) ? ', plus the penalty\'s' : ''}`;
  out.paragraph(`After the backward pass of a batch, every ${frozen ? 'trained ' : ''}parameter entry ${out.inline('\\theta')} `
    + `(each ${frozen ? 'weight and bias not frozen' : 'weight and bias'}) is updated from its gradient ${out.inline('g')}, ${over}, `
    + `each entry on its own. ${rule.stateProse((tex) => out.inline(tex))}`);
  const clipped = writeClipping(c);
  out.paragraph(clipped ? 'Then the update:' : 'The update:');
  // η_e only when a schedule changes the rate from epoch to epoch
  out.align(updateRows(rule, { eta: scheduled ? '\\eta_{e}' : '\\eta', eta0: '\\eta', times: 'space' }));
  out.paragraph(`with ${hyperParameters(c).map((h) => out.inline(h)).join(', ')}; in numbers:`);
  const numbers = (value: number, label: string) => out.given(value, label);
  const eta0 = out.given(spec.optimizer.lr, '\\eta');
  out.align(updateRows(rule, { numbers, eta: scheduled ? '\\eta_{e}' : eta0, eta0, times: 'space' }));
  if (scheduled) {
    const schedule = out.inline(`\\eta_{e} = ${scalarTex(c.net.learningRate, { numbers, eta: '\\eta_{e}', eta0, times: 'cdot' })}`);
    out.paragraph(`The learning rate of epoch ${out.inline('e')} (counted from 0) is ${schedule}.`);
  }
}

/** Gradient clipping, applied to g before the update (by global norm first, then by value); false without. */
function writeClipping(c: TrainingContext): boolean {
  const { out } = c;
  const clip = c.spec.clip;
  if (clip.norm === undefined && clip.value === undefined) return false;
  // the rule with its symbols (c = 1 written in min(1, 1/‖g‖) would read as a number of the rule), their values named before it
  const rows: string[] = [];
  const given: string[] = [];
  if (clip.norm !== undefined) {
    rows.push('g &\\leftarrow g \\cdot \\min\\left(1, \\frac{c}{\\lVert \\mathbf{g} \\rVert_{2}}\\right)');
    given.push(`${out.inline(`c = ${out.given(clip.norm, 'c')}`)}, ${out.inline('\\mathbf{g}')} every gradient entry of every layer as one vector`);
  }
  if (clip.value !== undefined) {
    rows.push('g &\\leftarrow \\max\\left(-c_{\\text{value}}, \\min\\left(c_{\\text{value}}, g\\right)\\right)');
    given.push(out.inline(`c_{\\text{value}} = ${out.given(clip.value, 'c_{\\text{value}}')}`));
  }
  out.paragraph(`First the gradient is clipped${clip.norm !== undefined && clip.value !== undefined ? ' (by norm, then by value)' : ''}, `
    + `with ${given.join('; ')}:`);
  out.align(rows);
  return true;
}
