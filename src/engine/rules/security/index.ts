import type { Rule } from '../../rule';
import hardCodedSecret from './hard-coded-secret';
import networkHygiene from './network-hygiene';
import predictableTempPath from './predictable-temp-path';
import shellInjection from './shell-injection';
import tlsVerificationDisabled from './tls-verification-disabled';
import unsafeDeserialization from './unsafe-deserialization';

export const securityRules: Rule[] = [
  hardCodedSecret,
  tlsVerificationDisabled,
  shellInjection,
  unsafeDeserialization,
  predictableTempPath,
  networkHygiene,
];
