/**
 * Which rules the user runs, kept as differences from the engine's defaults: a rule added to testsniff
 * later then follows its own default instead of being switched off by an old saved list.
 */
import type { Family, RuleMeta, Settings } from '../engine/types';

export interface RuleOverrides {
  /** Rules that are off by default (or belong to a profile) and the user turned on. */
  enabled: string[];
  /** Rules that are on by default and the user turned off. */
  disabled: string[];
}

export const NO_OVERRIDES: RuleOverrides = { enabled: [], disabled: [] };

export function isOnByDefault(rule: RuleMeta): boolean {
  return rule.severity !== 'off' && !rule.profile;
}

export function isRuleEnabled(rule: RuleMeta, overrides: RuleOverrides): boolean {
  if (overrides.disabled.includes(rule.id)) return false;
  return isOnByDefault(rule) || overrides.enabled.includes(rule.id);
}

export function withRuleEnabled(overrides: RuleOverrides, rule: RuleMeta, enabled: boolean): RuleOverrides {
  const others = (ids: string[]) => ids.filter((id) => id !== rule.id);
  const next = { enabled: others(overrides.enabled), disabled: others(overrides.disabled) };
  if (enabled && !isOnByDefault(rule)) next.enabled.push(rule.id);
  if (!enabled && isOnByDefault(rule)) next.disabled.push(rule.id);
  next.enabled.sort();
  next.disabled.sort();
  return next;
}

export function withFamilyEnabled(
  overrides: RuleOverrides,
  rules: readonly RuleMeta[],
  family: Family,
  enabled: boolean,
): RuleOverrides {
  return rules
    .filter((rule) => rule.family === family)
    .reduce((next, rule) => withRuleEnabled(next, rule, enabled), overrides);
}

/**
 * The engine settings: the enabled ids as `select`, which replaces the defaults (as in ruff). An empty
 * `select` would mean "the defaults" to the engine, so "nothing enabled" is said with `ignore: ['ALL']`.
 */
export function engineSettings(rules: readonly RuleMeta[], overrides: RuleOverrides): Settings {
  const select = rules.filter((rule) => isRuleEnabled(rule, overrides)).map((rule) => rule.id);
  return select.length > 0 ? { select } : { select: [], ignore: ['ALL'] };
}

/** Accepts only well-formed saved data: anything else means "the defaults". */
export function parseOverrides(value: unknown): RuleOverrides {
  const ids = (list: unknown) =>
    Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string' && /^[A-Z]{3}\d{3}$/.test(id)) : [];
  if (typeof value !== 'object' || value === null) return NO_OVERRIDES;
  const record = value as Record<string, unknown>;
  return { enabled: ids(record.enabled), disabled: ids(record.disabled) };
}
