import type { Rule } from '../../rule';

export const smellRules: Rule[] = [];
