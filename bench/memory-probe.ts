/** Run by bench.ts in a process of its own: checks every file of a folder, then prints its peak RSS (MB). */
import { createEngine } from '../src/engine';
import { pythonFiles, read } from './corpus';

const engine = await createEngine();
let findings = 0;
for (const file of pythonFiles(process.argv[2]!)) findings += engine.check(read(file)).length;
// maxRSS is in kilobytes.
console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, findings }));
