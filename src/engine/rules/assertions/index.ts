import type { Rule } from '../../rule';
import assertTrueComparison from './assert-true-comparison';
import countOnlyAssertion from './count-only-assertion';
import equalityWithSingleton from './equality-with-singleton';
import removedAssertAlias from './removed-assert-alias';

export const assertionRules: Rule[] = [assertTrueComparison, equalityWithSingleton, removedAssertAlias, countOnlyAssertion];
