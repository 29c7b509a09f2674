/**
 * "Explain" as a whole: the tree panel, the explanation of one finding (box, editor highlights, marked
 * rows), the per-test tab, and their part of the permalink state. An explanation is asked of the worker
 * only for a finding of the current text: while an edit is being analysed the box says so and the
 * explanation follows when the analysis settles (matched again by rule and position, as links are).
 */
import type { Explanation, Finding, RuleMeta } from '../../engine/types';
import type { TreeAnswer } from '../../worker/protocol';
import type { CodeEditor, TextModel } from '../editor';
import type { FindingRef } from '../permalink';
import { refOf, sameRef } from '../selection';
import { ExplainBox } from './explain-box';
import { registerExplainEntryPoints } from './explain-entry-points';
import { ExplainHighlights, type HighlightRange } from './highlights';
import { TestsView, type TestsViewElements } from './tests-view';
import { TreePanel, type TreePanelElements, type TreePanelInspection } from './tree-panel';
import { TreeSource } from './tree-source';
import type { ExplainViewState, NodeRef } from './view-state';

export interface ExplainHost {
  editor: CodeEditor;
  model: TextModel;
  explain(finding: Finding): Promise<Explanation | null>;
  syntaxTree(withRows: boolean): Promise<TreeAnswer | null>;
  textVersion(): number;
  /** The complete findings of the current text, or null while an analysis runs. */
  exactFindings(): readonly Finding[] | null;
  /** What markers and the list show now. */
  visibleFindings(): readonly Finding[];
  rule(id: string): RuleMeta | undefined;
  /** The view state changed (the permalink follows). */
  viewChanged(): void;
  /** Why the current text has no findings and no tree (it is too large to analyse), or null. */
  unavailable(): string | null;
  elements: TreePanelElements & TestsViewElements;
}

export interface ExplainInspection {
  tree(): TreePanelInspection;
  explainHighlights(): HighlightRange[];
  explained(): FindingRef | null;
}

export interface ExplainUi {
  /** Explains a finding: opens the tree at its nodes, highlights them, shows the explanation. */
  explain(finding: Finding): void;
  /** The analysis settled on the current text. */
  settled(): void;
  state(): ExplainViewState;
  /** A new state (a link, a demo): `undefined` keeps the panel as it is and drops the rest. */
  setState(state: ExplainViewState | null | undefined): void;
  inspection: ExplainInspection;
}

const NOTES = {
  running: 'The analysis is still running: the explanation follows when it has finished.',
  changed: 'The code changed: explaining again once the analysis has caught up…',
  asking: 'Explaining…',
  gone: 'This finding is not reported in the current code (the code or the rule selection changed).',
};

/** The finding a reference names: the same one, or (a column moved) the same rule on the same line. */
function findingFor(findings: readonly Finding[], ref: FindingRef): Finding | undefined {
  return findings.find((finding) => sameRef(finding, ref)) ?? findings.find((finding) => finding.rule === ref.rule && finding.line === ref.line);
}

export function mountExplain(host: ExplainHost): ExplainUi {
  const { editor, elements } = host;
  const source = new TreeSource((withRows) => host.syntaxTree(withRows), host.textVersion);
  const highlights = new ExplainHighlights(editor);
  let explained: FindingRef | null = null;
  /** The text version the shown explanation belongs to (-1: none shown, or waiting for one). */
  let explainedVersion = -1;
  /** Bumped by every request: a late answer to an older one is dropped. */
  let request = 0;
  /** How to finish a request that had to wait for the analysis (a link's reveal must survive the wait). */
  let waiting: RunOptions | null = null;
  /** The text version of the request on its way to the worker (-1: none). */
  let asking = -1;

  const viewChanged = () => {
    if (!panel.isOpen && explained) closeExplanation();
    host.viewChanged();
  };
  const panel = new TreePanel(elements, editor, source, viewChanged, host.unavailable);
  const box = new ExplainBox(panel.explainContainer, {
    close: () => closeExplanation(),
    pickNode: (node) => {
      panel.selectNode(node, true);
      editor.focus();
    },
  });
  const tests = new TestsView(elements, source, host.exactFindings, (test) => {
    const range = { line: test.nameLine, column: test.nameColumn, endLine: test.nameLine, endColumn: test.nameColumn + test.name.length };
    panel.selectInEditor(range);
    editor.focus();
  }, host.unavailable);

  function closeExplanation(): void {
    request++;
    explained = null;
    waiting = null;
    explainedVersion = -1;
    box.hide();
    highlights.clear();
    panel.showMatches([]);
    host.viewChanged();
  }

  interface RunOptions {
    /** Move the keyboard to the explanation. */
    focus: boolean;
    /** Select the reported code in the editor. */
    reveal: boolean;
    /** Keep the shown explanation while the new one comes (a refresh after an edit). */
    quiet: boolean;
    /** The node to leave active in the tree instead of the reported one (a link's selected node). */
    node?: NodeRef | null;
  }

  async function run(ref: FindingRef, options: RunOptions): Promise<void> {
    const mine = ++request;
    explained = ref;
    explainedVersion = -1;
    waiting = null;
    asking = -1;
    panel.setOpen(true);
    const rule = host.rule(ref.rule);
    const exact = host.exactFindings();
    if (!exact) {
      box.waiting(ref, rule, options.quiet ? NOTES.changed : NOTES.running, options.quiet);
      waiting = options;
      return;
    }
    const finding = findingFor(exact, ref);
    if (!finding) {
      box.waiting(ref, rule, NOTES.gone);
      highlights.clear();
      panel.showMatches([]);
      explainedVersion = host.textVersion();
      return;
    }
    explained = refOf(finding);
    if (!options.quiet) box.waiting(explained, rule, NOTES.asking);
    const version = host.textVersion();
    asking = version;
    const explanation = await host.explain(finding);
    if (mine !== request) return;
    asking = -1;
    if (!explanation || version !== host.textVersion()) {
      // Retried when the analysis of the newer text settles.
      box.waiting(explained, rule, NOTES.changed, true);
      waiting = options;
      return;
    }
    explainedVersion = version;
    box.show(explanation, rule);
    highlights.show(explanation.nodes);
    panel.showMatches(explanation.nodes);
    const reported = explanation.nodes[0];
    if (options.node) panel.selectNode(options.node, options.reveal);
    else if (reported) panel.selectNode(reported, options.reveal);
    if (options.focus) box.focus();
    host.viewChanged();
  }

  const explainRef = (ref: FindingRef) => {
    void run(ref, { focus: true, reveal: true, quiet: false });
    host.viewChanged();
  };

  registerExplainEntryPoints((target) => (target === host.model ? host.visibleFindings() : []), explainRef);

  const ui: ExplainUi = {
    explain: (finding) => explainRef(refOf(finding)),
    settled() {
      source.settled();
      tests.settled();
      // A waiting explanation, or one of an older text: explain (again) against the settled findings.
      const version = host.textVersion();
      if (explained && (waiting || (explainedVersion !== version && asking !== version))) {
        void run(explained, waiting ? { ...waiting, focus: false } : { focus: false, reveal: false, quiet: true });
      }
    },
    state: () => ({ tree: panel.isOpen, node: panel.isOpen ? panel.activeNode() : null, finding: explained }),
    setState(state) {
      if (state === undefined) {
        if (explained) closeExplanation();
        return;
      }
      panel.setOpen(state?.tree ?? false);
      if (state?.finding) {
        void run(state.finding, { focus: false, reveal: true, quiet: false, node: state.node });
      } else {
        if (explained) closeExplanation();
        if (state?.tree && state.node) panel.selectNode(state.node, true);
      }
    },
    inspection: {
      tree: () => panel.inspect(),
      explainHighlights: () => highlights.ranges(),
      explained: () => explained,
    },
  };
  return ui;
}
