import { Parser, Language } from 'web-tree-sitter';
await Parser.init();
const lang = await Language.load('public/wasm/tree-sitter-python.wasm');
const p = new Parser(); p.setLanguage(lang);
for (const src of ['import time\ndef test_before():\n    time.sleep(1)\ndef broken(:\n    x = = 2\ndef test_after():\n    time.sleep(2)\n', 'def broken(:\n    pass\ndef test_after():\n    time.sleep(2)\n']) console.log(p.parse(src)!.rootNode.toString());
