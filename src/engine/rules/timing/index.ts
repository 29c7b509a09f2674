import type { Rule } from '../../rule';
import eventletSleep from './eventlet-sleep';
import nondeterministicInput from './nondeterministic-input';
import sleepInTest from './sleep-in-test';
import unboundedPollLoop from './unbounded-poll-loop';

export const timingRules: Rule[] = [sleepInTest, unboundedPollLoop, eventletSleep, nondeterministicInput];
