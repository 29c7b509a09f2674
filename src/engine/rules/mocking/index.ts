import type { Rule } from '../../rule';
import doublePatch from './double-patch';
import patchesOfOneObject from './patches-of-one-object';

export const mockingRules: Rule[] = [doublePatch, patchesOfOneObject];
