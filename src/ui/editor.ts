/**
 * Monaco, slim: the core editor, the features a reviewer's editor needs, and the Python language only.
 * Everything is bundled; the editor's own worker comes through Vite's `?worker` import. Left out for
 * size: clipboard menu actions (keyboard copy/paste work without them), multi-cursor, word highlight.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Theme } from './theme';

export { monaco };
export type CodeEditor = monaco.editor.IStandaloneCodeEditor;
export type TextModel = monaco.editor.ITextModel;

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  // Python has no language worker: the editor worker (diffs, word ranges) is the only one Monaco starts.
  getWorker: () => new EditorWorker(),
};

export function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

export function createEditor(container: HTMLElement, code: string, theme: Theme): CodeEditor {
  const model = monaco.editor.createModel(code, 'python', monaco.Uri.parse('inmemory://testsniff/test_playground.py'));
  // The worker's offsets count "\n" line ends; a pasted "\r\n" must not make the two texts differ.
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  return monaco.editor.create(container, {
    model,
    theme: monacoTheme(theme),
    automaticLayout: true,
    fontSize: 14,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderWhitespace: 'selection',
    tabSize: 4,
    insertSpaces: true,
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    fixedOverflowWidgets: true,
    ariaLabel: 'Python test code. Findings appear as squiggles; press F8 for the next one, Ctrl+. for quick fixes.',
  });
}

export function setEditorTheme(theme: Theme): void {
  monaco.editor.setTheme(monacoTheme(theme));
}

/** Selects a range, scrolls it into view and gives the editor the keyboard. */
export function revealRange(
  editor: CodeEditor,
  range: { line: number; column: number; endLine: number; endColumn: number },
): void {
  const selection = new monaco.Selection(range.line, range.column, range.endLine, range.endColumn);
  editor.setSelection(selection);
  editor.revealRangeInCenterIfOutsideViewport(selection, monaco.editor.ScrollType.Smooth);
  editor.focus();
}
