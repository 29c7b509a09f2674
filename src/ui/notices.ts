/** What the page tells the user about where its state came from: a link opened, refused, or made elsewhere. */
import { plural } from './dom';
import type { ProblemReport } from './errors';
import type { StartState } from './state';

export function lineCount(code: string): string {
  return plural(code === '' ? 0 : code.replace(/\n$/, '').split('\n').length, 'line');
}

export function startNotices(start: StartState, engineVersion: string, backToLocal: (() => void) | null): ProblemReport[] {
  const notices: ProblemReport[] = [];
  if (start.linkError) {
    notices.push({
      key: 'link',
      level: 'notice',
      message: `This link could not be opened. ${start.linkError.message}`,
      advice:
        start.origin === 'local'
          ? `Nothing was changed: your own code (${lineCount(start.state.code)}, saved in this browser) is in the editor.`
          : 'Nothing was changed: the editor shows the first demo. Ask the sender for the complete link.',
    });
  }
  if (start.replacedLocal) {
    notices.push({
      key: 'link',
      level: 'notice',
      message: 'You opened a shared link: the editor shows its code.',
      advice: start.keepFailed
        ? `Your own code (${lineCount(start.replacedLocal.code)}) is still saved in this browser, but there is no room for another copy, so changes to this code will not be saved.`
        : `Your own code (${lineCount(start.replacedLocal.code)}) is kept in this browser; find it again under Demos.`,
      actions: backToLocal ? [{ label: 'Back to my code', run: backToLocal }] : [],
    });
  }
  if (start.origin === 'link' && start.linkEngine && start.linkEngine !== engineVersion) {
    notices.push({
      key: 'link-version',
      level: 'notice',
      message: `This link was made with testsniff ${start.linkEngine}; this page runs ${engineVersion}.`,
      advice: 'The code and settings are exactly as they were shared; the findings may differ where rules changed.',
    });
  }
  return notices;
}

export function linkRefused(message: string): ProblemReport {
  return { key: 'link', level: 'notice', message: `This link could not be opened. ${message}`, advice: 'Nothing was changed: the editor keeps your code.' };
}

export function keptNotice(what: string, previousCode: string, back: () => void): ProblemReport {
  return {
    key: 'kept',
    level: 'notice',
    message: `${what}. Your previous code (${lineCount(previousCode)}) is kept in this browser.`,
    advice: 'Find it again any time under Demos, “Your code, kept in this browser”.',
    actions: [{ label: 'Back to my previous code', run: back }],
  };
}
