import type { Rule } from '../../rule';
import assertAlwaysTrue from './assert-always-true';
import assertFalse from './assert-false';
import assertHygiene from './assert-hygiene';
import assertTrueComparison from './assert-true-comparison';
import broadExpectedException from './broad-expected-exception';
import comparisonWithoutAssert from './comparison-without-assert';
import countOnlyAssertion from './count-only-assertion';
import equalityWithSingleton from './equality-with-singleton';
import membershipComparedToBool from './membership-compared-to-bool';
import raisesBlockTooLong from './raises-block-too-long';
import removedAssertAlias from './removed-assert-alias';
import typeComparedByEquality from './type-compared-by-equality';
import unittestAssertInPytestClass from './unittest-assert-in-pytest-class';

export const assertionRules: Rule[] = [
  assertTrueComparison,
  equalityWithSingleton,
  membershipComparedToBool,
  typeComparedByEquality,
  removedAssertAlias,
  broadExpectedException,
  raisesBlockTooLong,
  countOnlyAssertion,
  unittestAssertInPytestClass,
  assertHygiene,
  comparisonWithoutAssert,
  assertAlwaysTrue,
  assertFalse,
];
