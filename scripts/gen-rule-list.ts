/** `npm run docs:rules`: rewrites the rule list in README.md from the engine's rules. */
import { readFileSync, writeFileSync } from 'node:fs';
import { createEngine } from '../src/engine';
import { replaceRuleList } from './rule-list';

const engine = await createEngine();
const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', replaceRuleList(readme, engine.rules));
console.log(`README.md: ${engine.rules.length} rules listed`);
