import { readTemplate } from '../../util/templates.js';

/** Scalar helpers and tables the generated TypeScript may use, each a template of its own (templates/helpers/<helper>.ts). */
export type HelperName = 'softplus' | 'powersOfTwo' | 'expScales';

/** The name each helper's template declares: the name it keeps in a module where no user name takes it. */
const DECLARED: Readonly<Record<HelperName, string>> = { softplus: 'softplus', powersOfTwo: 'POWERS_OF_TWO', expScales: 'EXP_SCALES' };

/**
 * The helpers of one generated module: the name each takes there, chosen
 * once the user's names are known (a variable, parameter or export named
 * `softplus` leaves the helper `softplus_`; then `softplus_2`, …), and the
 * ones the printed code used, whose templates the module declares. Every
 * printer of the module shares one, so a helper has one name in it.
 */
export class HelperNames {
  private readonly usedHelpers = new Set<HelperName>();
  private readonly names: Readonly<Record<HelperName, string>>;

  /** `taken`: the names the user's exports, variables, parameters and locals take in the module. */
  constructor(taken: ReadonlySet<string> = new Set()) {
    const free = (base: string): string => {
      if (!taken.has(base)) return base;
      let name = `${base}_`;
      for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
      return name;
    };
    this.names = { softplus: free(DECLARED.softplus), powersOfTwo: free(DECLARED.powersOfTwo), expScales: free(DECLARED.expScales) };
  }

  /** The helper's name in this module, recorded as used. */
  use(helper: HelperName): string {
    this.usedHelpers.add(helper);
    return this.names[helper];
  }

  /** The helpers used so far. */
  get used(): ReadonlySet<HelperName> {
    return this.usedHelpers;
  }

  /** Every helper's name in this module, used or not: a generated local must not shadow one. */
  get all(): readonly string[] {
    return Object.values(this.names);
  }

  /** The declarations of the helpers used, in a fixed order: each template with its declared name replaced by the module's. */
  declarations(): string[] {
    return [...this.usedHelpers].sort().map((h) => renamed(readTemplate(`helpers/${h}.ts`), DECLARED[h], this.names[h]));
  }
}

/** `text` with every occurrence of the identifier `from` (not part of a longer identifier) written `to`. */
function renamed(text: string, from: string, to: string): string {
  return from === to ? text : text.replace(new RegExp(`(?<![\\w$])${from}(?![\\w$])`, 'g'), to);
}
