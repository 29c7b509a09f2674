import type { Rule } from '../../rule';
import conditionalTestLogic from './conditional-test-logic';
import emptyTest from './empty-test';
import unknownTest from './unknown-test';

export const smellRules: Rule[] = [emptyTest, unknownTest, conditionalTestLogic];
