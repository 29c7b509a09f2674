/**
 * Loads the tree-sitter runtime and the Python grammar, in Node (no arguments: the files copied to
 * public/wasm/ by scripts/copy-wasm.mjs) and in a worker (given the URLs of the same files).
 */
import { Language, Parser } from 'web-tree-sitter';

export interface ParserOptions {
  /** Where `web-tree-sitter.wasm` lives (browser). Node finds it beside the package by itself. */
  runtimeWasm?: string | URL;
  /**
   * `tree-sitter-python.wasm`: a URL, a path (Node) or the bytes - or a promise of the bytes, so that a
   * worker can download the grammar while the runtime starts instead of after it.
   */
  grammarWasm?: string | URL | Uint8Array | Promise<Uint8Array>;
}

// Kept in a variable so that bundlers do not try to resolve it: the worker passes explicit URLs.
const DEFAULT_GRAMMAR = '../../public/wasm/tree-sitter-python.wasm';

let runtimeReady: Promise<void> | null = null;

function initRuntime(options: ParserOptions): Promise<void> {
  if (!runtimeReady) {
    const runtime = options.runtimeWasm;
    runtimeReady = Parser.init(runtime ? { locateFile: () => String(runtime) } : undefined).catch((error: unknown) => {
      runtimeReady = null;
      throw new Error(`Could not load the tree-sitter runtime (web-tree-sitter.wasm): ${String(error)}`);
    });
  }
  return runtimeReady;
}

export async function loadPython(options: ParserOptions = {}): Promise<Language> {
  const grammarLoading = options.grammarWasm ?? new URL(DEFAULT_GRAMMAR, import.meta.url);
  // A rejected download must not go unhandled while the runtime starts: it is reported below.
  if (grammarLoading instanceof Promise) grammarLoading.catch(() => undefined);
  await initRuntime(options);
  try {
    return await Language.load(await grammarLoading);
  } catch (error) {
    throw new Error(`Could not load the Python grammar (tree-sitter-python.wasm): ${String(error)}`);
  }
}

export function createParser(language: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
