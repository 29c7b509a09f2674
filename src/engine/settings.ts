/** Which rules run: ruff's model. `select` replaces the default set; `ignore` removes from it. */
import type { RuleMeta, Settings } from './types';

function matches(id: string, selectors: readonly string[]): boolean {
  return selectors.some((selector) => {
    const wanted = selector.trim().toUpperCase();
    return wanted === 'ALL' || (wanted.length > 0 && id.startsWith(wanted));
  });
}

/** Longest matching selector wins, so `--select TIM --ignore TIM001` and `--ignore TIM --select TIM001` both read naturally. */
function specificity(id: string, selectors: readonly string[]): number {
  let best = -1;
  for (const selector of selectors) {
    const wanted = selector.trim().toUpperCase();
    if (wanted === 'ALL') best = Math.max(best, 0);
    else if (wanted.length > 0 && id.startsWith(wanted)) best = Math.max(best, wanted.length);
  }
  return best;
}

export function isEnabled(meta: RuleMeta, settings: Settings = {}): boolean {
  const select = settings.select?.filter((s) => s.trim() !== '');
  const ignore = settings.ignore?.filter((s) => s.trim() !== '') ?? [];
  const profiles = settings.profiles ?? [];
  const byDefault = meta.severity !== 'off' && (!meta.profile || profiles.includes(meta.profile));
  const selected = select && select.length > 0 ? matches(meta.id, select) : byDefault;
  if (!selected) return false;
  if (!matches(meta.id, ignore)) return true;
  return select !== undefined && specificity(meta.id, select) > specificity(meta.id, ignore);
}

/** The profiles some rule belongs to, for `--profile` and the settings dialog. */
export function knownProfiles(rules: readonly RuleMeta[]): string[] {
  return [...new Set(rules.flatMap((rule) => (rule.profile ? [rule.profile] : [])))].sort();
}

/** Selectors that name no rule at all: reported by the CLI as a usage error. */
export function unknownSelectors(rules: readonly RuleMeta[], selectors: readonly string[]): string[] {
  return selectors.filter((selector) => {
    const wanted = selector.trim().toUpperCase();
    return wanted !== 'ALL' && !rules.some((rule) => rule.id.startsWith(wanted));
  });
}
