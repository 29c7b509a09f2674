import type { Rule } from '../../rule';
import assertionRoulette from './assertion-roulette';
import conditionalTestLogic from './conditional-test-logic';
import defaultTestClassName from './default-test-class-name';
import duplicateAssert from './duplicate-assert';
import emptyTest from './empty-test';
import exceptionHandling from './exception-handling';
import magicNumber from './magic-number';
import mysteryGuest from './mystery-guest';
import obscureInlineSetup from './obscure-inline-setup';
import printOrDebugger from './print-or-debugger';
import sensitiveEquality from './sensitive-equality';
import shadowedTest from './shadowed-test';
import skippedTest from './skipped-test';
import swallowedException from './swallowed-exception';
import tautologicalAssertion from './tautological-assertion';
import testNeverCollected from './test-never-collected';
import unknownTest from './unknown-test';

export const smellRules: Rule[] = [
  assertionRoulette,
  emptyTest,
  unknownTest,
  conditionalTestLogic,
  exceptionHandling,
  swallowedException,
  duplicateAssert,
  tautologicalAssertion,
  magicNumber,
  printOrDebugger,
  skippedTest,
  defaultTestClassName,
  obscureInlineSetup,
  mysteryGuest,
  sensitiveEquality,
  shadowedTest,
  testNeverCollected,
];
