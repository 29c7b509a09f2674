import type { Rule } from '../../rule';
import assertionNeverExecuted from './assertion-never-executed';
import doublePatch from './double-patch';
import globalPrimitiveMocked from './global-primitive-mocked';
import mockClassNotInstance from './mock-class-not-instance';
import nonexistentMockAssertion from './nonexistent-mock-assertion';
import patchDecoratorParameters from './patch-decorator-parameters';
import patchWithoutSpec from './patch-without-spec';
import patcherNeverStopped from './patcher-never-stopped';
import patchesOfOneObject from './patches-of-one-object';
import thirdPartyMockImport from './third-party-mock-import';
import uncalledTestClosure from './uncalled-test-closure';

export const mockingRules: Rule[] = [
  nonexistentMockAssertion,
  assertionNeverExecuted,
  mockClassNotInstance,
  doublePatch,
  patchesOfOneObject,
  patchWithoutSpec,
  thirdPartyMockImport,
  patchDecoratorParameters,
  patcherNeverStopped,
  uncalledTestClosure,
  globalPrimitiveMocked,
];
