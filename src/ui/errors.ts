/**
 * Problems that stop something (the parser failed to load, the worker crashed, a run was too slow) are
 * shown in the page with what to do about them: a console message alone goes unseen.
 */
import { h } from './dom';

export interface ProblemReport {
  /** A stable key: reporting the same problem again replaces its message instead of stacking copies. */
  key: string;
  message: string;
  /** What the user can do about it. */
  advice: string;
  /** Notices (e.g. a stopped run) are informative; errors mean something is broken. */
  level: 'error' | 'notice';
  /** Buttons that act on the problem (e.g. go back to the kept code); each also dismisses it. */
  actions?: { label: string; run: () => void }[];
}

export interface ProblemBanner {
  show(problem: ProblemReport): void;
  clear(key: string): void;
}

export function createProblemBanner(container: HTMLElement): ProblemBanner {
  const shown = new Map<string, HTMLElement>();

  const clear = (key: string) => {
    shown.get(key)?.remove();
    shown.delete(key);
    container.hidden = shown.size === 0;
  };

  return {
    show(problem) {
      const dismiss = h('button', { className: 'problem-dismiss', text: 'Dismiss', attrs: { type: 'button' } });
      dismiss.addEventListener('click', () => clear(problem.key));
      const actions = (problem.actions ?? []).map((action) => {
        const button = h('button', { className: 'problem-action', text: action.label, attrs: { type: 'button' } });
        button.addEventListener('click', () => {
          clear(problem.key);
          action.run();
        });
        return button;
      });
      const item = h(
        'div',
        { className: `problem problem-${problem.level}`, data: { problem: problem.key } },
        h('p', { className: 'problem-message', text: problem.message }),
        h('p', { className: 'problem-advice', text: problem.advice }),
        h('div', { className: 'problem-buttons' }, ...actions, dismiss),
      );
      const previous = shown.get(problem.key);
      if (previous) previous.replaceWith(item);
      else container.append(item);
      shown.set(problem.key, item);
      container.hidden = false;
    },
    clear,
  };
}

/** Errors nobody caught still reach the user. */
export function reportUncaughtErrors(banner: ProblemBanner): void {
  const show = (reason: unknown) =>
    banner.show({
      key: 'uncaught',
      level: 'error',
      message: `Something went wrong in the playground: ${reason instanceof Error ? reason.message : String(reason)}`,
      advice: 'Reload the page. Your code is kept in this browser and comes back after the reload.',
    });
  window.addEventListener('error', (event) => show(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => show(event.reason));
}
