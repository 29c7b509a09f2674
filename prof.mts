import { readFileSync } from 'node:fs';
import { createEngine } from './src/engine/index';
const src = readFileSync(process.argv[2]!, 'utf8');
const engine = await createEngine();
for (let i = 0; i < 3; i++) engine.check(src);
const per: [string, number][] = [];
for (const rule of engine.rules) {
  const t = performance.now(); for (let i = 0; i < 3; i++) engine.check(src, { select: [rule.id] }); per.push([rule.id, (performance.now() - t) / 3]);
}
const t = performance.now(); for (let i = 0; i < 3; i++) engine.check(src, { select: ['NONE'] }); console.log('no rules', ((performance.now() - t) / 3).toFixed(1));
console.log(per.sort((a, b) => b[1] - a[1]).map(([id, ms]) => `${id} ${ms.toFixed(1)}`).join('\n'));
