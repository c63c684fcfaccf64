import { texNumber } from '../tex-print.js';
import type { NetworkContext } from './context.js';
import { type UpdateRule, updateRule } from './optimizer-rule.js';
import { hyperParameters } from './training.js';

/**
 * The update of one parameter entry θ with gradient g, as align rows: in symbols, or with the
 * hyper-parameters' values (η too when there is no schedule).
 */
export function updateRows(rule: UpdateRule, numbers: boolean, scheduled: boolean): string[] {
  const n = (symbol: string, value: number) => (numbers ? texNumber(value) : symbol);
  const eta = numbers && !scheduled ? texNumber(rule.lr) : '\\eta_{e}';
  const oneMinus = (symbol: string, value: number) => (numbers ? `\\left(1 - ${texNumber(value)}\\right)` : `(1 - ${symbol})`);
  switch (rule.kind) {
    case 'sgd':
      return [`\\theta &\\leftarrow \\theta - ${eta}\\, g`];
    case 'momentum':
      return [`v &\\leftarrow ${n('\\mu', rule.mu)}\\, v + g`, `\\theta &\\leftarrow \\theta - ${eta}\\, v`];
    case 'nesterov':
      return [`v &\\leftarrow ${n('\\mu', rule.mu)}\\, v + g`, `\\theta &\\leftarrow \\theta - ${eta} \\left(g + ${n('\\mu', rule.mu)}\\, v\\right)`];
    case 'rmsprop':
      return [
        `s &\\leftarrow ${n('\\rho', rule.rho)}\\, s + ${oneMinus('\\rho', rule.rho)}\\, g^{2}`,
        `\\theta &\\leftarrow \\theta - \\frac{${eta}\\, g}{\\sqrt{s} + ${n('\\varepsilon', rule.eps)}}`,
      ];
    case 'adam':
    case 'adamw': {
      const rows = [
        `m &\\leftarrow ${n('\\beta_{1}', rule.beta1)}\\, m + ${oneMinus('\\beta_{1}', rule.beta1)}\\, g`,
        `v &\\leftarrow ${n('\\beta_{2}', rule.beta2)}\\, v + ${oneMinus('\\beta_{2}', rule.beta2)}\\, g^{2}`,
        `\\hat{m} &= \\frac{m}{1 - ${n('\\beta_{1}', rule.beta1)}^{t}}, \\qquad \\hat{v} = \\frac{v}{1 - ${n('\\beta_{2}', rule.beta2)}^{t}}`,
      ];
      if (rule.kind === 'adamw' && rule.decay > 0) {
        rows.push(`\\theta &\\leftarrow \\theta - ${eta}\\, ${n('\\lambda', rule.decay)}\\, \\theta \\qquad \\text{(weights only)}`);
      }
      rows.push(`\\theta &\\leftarrow \\theta - \\frac{${eta}\\, \\hat{m}}{\\sqrt{\\hat{v}} + ${n('\\varepsilon', rule.eps)}}`);
      return rows;
    }
  }
}

/** The update step() applies, with its hyper-parameters, clipping and schedule. */
export function writeUpdate(c: NetworkContext): void {
  const { out, spec } = c;
  const rule = updateRule(spec);
  out.subsection('The update');
  out.paragraph(`After the backward pass of a batch, every parameter entry ${out.inline('\\theta')} (each weight and bias) `
    + `is updated from its gradient ${out.inline('g = \\partial L / \\partial \\theta')}, each entry on its own. `
    + `${stateSentence(c, rule)}`);
  const clipped = writeClipping(c);
  out.paragraph(clipped ? 'Then the update:' : 'The update:');
  out.align(updateRows(rule, false, spec.schedule !== undefined));
  out.paragraph(`with ${hyperParameters(rule).map((h) => out.inline(h)).join(', ')}; in numbers:`);
  out.align(updateRows(rule, true, spec.schedule !== undefined));
  const s = spec.schedule;
  const schedule = s === undefined ? `${out.inline(`\\eta_{e} = \\eta = ${texNumber(rule.lr)}`)} in every epoch`
    : s.kind === 'step'
      ? out.inline(`\\eta_{e} = ${texNumber(rule.lr)} \\cdot ${texNumber(s.factor)}^{\\lfloor e / ${texNumber(s.every)} \\rfloor}`)
      : out.inline(`\\eta_{e} = ${texNumber(rule.lr)} \\cdot ${texNumber(s.rate)}^{e}`);
  out.paragraph(`The learning rate of epoch ${out.inline('e')} (counted from 0) is ${schedule}.`);
}

function stateSentence(c: NetworkContext, rule: UpdateRule): string {
  const { out } = c;
  switch (rule.kind) {
    case 'sgd':
      return 'Plain gradient descent keeps no state.';
    case 'momentum':
    case 'nesterov':
      return `The velocity ${out.inline('v')} (one per entry) starts at 0 and accumulates past gradients`
        + `${rule.kind === 'nesterov' ? '; Nesterov\'s variant steps along the gradient plus the updated velocity (the look-ahead)' : ''}.`;
    case 'rmsprop':
      return `The running mean square ${out.inline('s')} (one per entry) starts at 0 and scales each step by the recent gradient size.`;
    case 'adam':
    case 'adamw':
      return `The first and second moment estimates ${out.inline('m')} and ${out.inline('v')} (one each per entry) start at 0; `
        + `${out.inline('t = 1, 2, \\dots')} counts the steps, and ${out.inline('\\hat{m}')}, ${out.inline('\\hat{v}')} undo their bias toward 0`
        + `${rule.kind === 'adamw' && rule.decay > 0 ? '; the decay shrinks the weights (not the biases) directly, apart from the gradient' : ''}.`;
  }
}

/** Gradient clipping, applied to g before the update (by global norm first, then by value); false without. */
function writeClipping(c: NetworkContext): boolean {
  const { out } = c;
  const clip = c.spec.clip;
  if (clip?.norm === undefined && clip?.value === undefined) return false;
  const rows: string[] = [];
  if (clip.norm !== undefined) {
    rows.push(`g &\\leftarrow g \\cdot \\min\\left(1, \\frac{${texNumber(clip.norm)}}{\\lVert \\mathbf{g} \\rVert_{2}}\\right) `
      + '\\qquad \\text{(}\\mathbf{g}\\text{: all gradient entries of all layers)}');
  }
  if (clip.value !== undefined) {
    rows.push(`g &\\leftarrow \\max\\left(-${texNumber(clip.value)}, \\min\\left(${texNumber(clip.value)}, g\\right)\\right)`);
  }
  out.paragraph(`First the gradient is clipped${clip.norm !== undefined && clip.value !== undefined ? ' (by norm, then by value)' : ''}:`);
  out.align(rows);
  return true;
}
