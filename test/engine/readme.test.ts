import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { replaceRuleList } from '../../scripts/rule-list';
import { sharedEngine } from '../rules/rule-tester';

it('README.md lists exactly the engine rules (run `npm run docs:rules` after changing a rule)', async () => {
  const engine = await sharedEngine();
  const readme = readFileSync('README.md', 'utf8');
  expect(replaceRuleList(readme, engine.rules)).toBe(readme);
});

it('README.md gives exactly one command to run the playground and one to test', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme).toContain('npm ci && npm run dev');
  expect(readme).toContain('npm ci && npm test');
});
