import { readFileSync } from 'node:fs';
import { createEngine } from './src/engine/index';
const src = readFileSync(process.argv[2]!, 'utf8');
const engine = await createEngine();
for (let i = 0; i < 10; i++) engine.check(src);
