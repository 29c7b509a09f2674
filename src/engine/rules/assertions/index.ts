import type { Rule } from '../../rule';

export const assertionRules: Rule[] = [];
