import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
await Parser.init();
const lang = await Language.load('public/wasm/tree-sitter-python.wasm');
const p = new Parser(); p.setLanguage(lang);
const src = readFileSync(0, 'utf8');
const t = p.parse(src)!;
function show(n: any, d: number, field: string | null) {
  console.log('  '.repeat(d) + (field ? field + ': ' : '') + n.type + (n.childCount === 0 ? ' ' + JSON.stringify(n.text) : ''));
  for (let i = 0; i < n.childCount; i++) show(n.child(i), d + 1, n.fieldNameForChild(i));
}
show(t.rootNode, 0, null);
