import type { Rule } from '../../rule';

export const mockingRules: Rule[] = [];
