/**
 * The explained finding's nodes, highlighted in the editor: the reported node filled, related nodes
 * outlined, both marked in the overview ruler. Decorations move with edits until the next explanation.
 */
import { monaco, type CodeEditor } from '../editor';
import type { MatchedNode, Range } from '../../engine/types';

const OPTIONS: Record<MatchedNode['role'], monaco.editor.IModelDecorationOptions> = {
  reported: {
    className: 'explain-reported',
    stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    overviewRuler: { color: 'rgba(37, 99, 235, 0.8)', position: monaco.editor.OverviewRulerLane.Center },
  },
  related: {
    className: 'explain-related',
    stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    overviewRuler: { color: 'rgba(161, 92, 0, 0.8)', position: monaco.editor.OverviewRulerLane.Center },
  },
};

export interface HighlightRange extends Range {
  role: MatchedNode['role'];
}

export class ExplainHighlights {
  private readonly collections: Record<MatchedNode['role'], monaco.editor.IEditorDecorationsCollection>;

  constructor(editor: CodeEditor) {
    this.collections = { reported: editor.createDecorationsCollection(), related: editor.createDecorationsCollection() };
  }

  show(nodes: readonly MatchedNode[]): void {
    for (const role of ['reported', 'related'] as const) {
      this.collections[role].set(
        nodes
          .filter((node) => node.role === role)
          .map((node) => ({ range: new monaco.Range(node.line, node.column, node.endLine, node.endColumn), options: OPTIONS[role] })),
      );
    }
  }

  clear(): void {
    this.collections.reported.clear();
    this.collections.related.clear();
  }

  /** Where the highlights are now (they follow edits). */
  ranges(): HighlightRange[] {
    return (['reported', 'related'] as const).flatMap((role) =>
      this.collections[role].getRanges().map((range) => ({
        role,
        line: range.startLineNumber,
        column: range.startColumn,
        endLine: range.endLineNumber,
        endColumn: range.endColumn,
      })),
    );
  }
}
