import type { Rule } from '../../rule';
import sleepInTest from './sleep-in-test';

export const timingRules: Rule[] = [sleepInTest];
