/** Every rule, by family. Ids are stable forever and checked unique when the engine loads. */
import type { Rule } from '../rule';
import { assertionRules } from './assertions';
import { fixtureRules } from './fixtures';
import { mockingRules } from './mocking';
import { securityRules } from './security';
import { smellRules } from './smells';
import { timingRules } from './timing';

function checked(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.meta.id)) throw new Error(`Duplicate rule id ${rule.meta.id}`);
    if (!/^(TIM|MCK|FXT|ASR|SML|SEC)\d{3}$/.test(rule.meta.id) || !rule.meta.id.startsWith(rule.meta.family)) {
      throw new Error(`Malformed rule id ${rule.meta.id}`);
    }
    seen.add(rule.meta.id);
  }
  return rules.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
}

export const allRules: Rule[] = checked([
  ...timingRules,
  ...mockingRules,
  ...fixtureRules,
  ...assertionRules,
  ...smellRules,
  ...securityRules,
]);
