/**
 * Share and export. The Share button builds the permalink, checks the code for hard-coded secrets
 * first (SEC001, run even when the user switched it off) and offers to mask them in the link, copies
 * the link when nothing stands in the way (and says "copied" only once the clipboard took it), and
 * measures the link against what chats and issue trackers accept. The review also leaves as Markdown,
 * JSON or SARIF, and the code as a file.
 */
import type { Finding } from '../engine/types';
import { byId, plural } from './dom';
import { budgetText, linkBudget, LONG_LIMIT } from './link-budget';
import { maskSecrets } from './mask-secrets';
import { MAX_STATE_BYTES, PermalinkError, type SharedState } from './permalink';
import { sizeText } from './size-limit';

export interface ShareElements {
  dialog: HTMLDialogElement;
  openButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  secrets: HTMLElement;
  secretsMessage: HTMLElement;
  mask: HTMLInputElement;
  url: HTMLInputElement;
  copy: HTMLButtonElement;
  length: HTMLElement;
  meter: HTMLMeterElement;
  status: HTMLElement;
  markdown: HTMLButtonElement;
  json: HTMLButtonElement;
  sarif: HTMLButtonElement;
  python: HTMLButtonElement;
}

export function shareElements(): ShareElements {
  return {
    dialog: byId('share-dialog', HTMLDialogElement),
    openButton: byId('open-share', HTMLButtonElement),
    closeButton: byId('share-close', HTMLButtonElement),
    secrets: byId('share-secrets', HTMLElement),
    secretsMessage: byId('share-secrets-message', HTMLElement),
    mask: byId('share-mask', HTMLInputElement),
    url: byId('share-url', HTMLInputElement),
    copy: byId('share-copy', HTMLButtonElement),
    length: byId('share-length', HTMLElement),
    meter: byId('share-meter', HTMLMeterElement),
    status: byId('share-status', HTMLElement),
    markdown: byId('export-markdown', HTMLButtonElement),
    json: byId('export-json', HTMLButtonElement),
    sarif: byId('export-sarif', HTMLButtonElement),
    python: byId('export-python', HTMLButtonElement),
  };
}

export interface ShareActions {
  state(): SharedState;
  /** SEC001's findings in the code; rejects when they cannot be checked. */
  secrets(code: string): Promise<Finding[]>;
  /** The link of a state (this page's address with the state as fragment). */
  link(state: SharedState): Promise<string>;
  markdown(): Promise<string>;
  downloadJson(): Promise<void>;
  downloadSarif(): Promise<void>;
  downloadPython(): void;
}

const TOO_LARGE_FOR_A_LINK =
  `more than a link can hold (${MAX_STATE_BYTES / 1024 / 1024} MB). Download the code, or copy the review as Markdown, instead.`;

/** Close to what the link would unpack to: the code, as JSON text, in UTF-8. */
function linkPayloadBytes(code: string): number {
  return new TextEncoder().encode(JSON.stringify(code)).byteLength;
}

export function setupShare(elements: ShareElements, actions: ShareActions): void {
  let secrets: Finding[] = [];
  let state: SharedState | null = null;
  /** Bumped per opening: answers for an earlier opening are dropped. */
  let session = 0;

  const say = (text: string, tone: 'ok' | 'error' | 'info' = 'info') => {
    elements.status.textContent = text;
    elements.status.dataset.tone = tone;
  };

  const copyText = async (text: string, done: string, failed: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(text);
      say(done, 'ok');
      return true;
    } catch {
      say(failed, 'error');
      return false;
    }
  };

  const buildLink = async (mine: number): Promise<string | null> => {
    if (!state) return null;
    const masked = elements.mask.checked && secrets.length > 0;
    const shared = masked ? { ...state, code: maskSecrets(state.code, secrets).code } : state;
    const link = await actions.link(shared);
    if (mine !== session) return null;
    elements.url.value = link;
    elements.url.dataset.masked = String(masked);
    elements.length.textContent = budgetText(link.length);
    elements.length.dataset.budget = linkBudget(link.length);
    elements.meter.value = Math.min(link.length, LONG_LIMIT);
    elements.copy.disabled = false;
    elements.copy.textContent = linkBudget(link.length) === 'too-long' ? 'Copy link anyway' : 'Copy link';
    return link;
  };

  const copyLink = () =>
    copyText(elements.url.value, 'Link copied to the clipboard.', 'The browser did not allow copying: select the link above and copy it (Ctrl+C).');

  const open = async () => {
    const mine = ++session;
    state = actions.state();
    secrets = [];
    elements.secrets.hidden = true;
    elements.copy.disabled = true;
    elements.url.value = '';
    elements.length.textContent = '';
    if (!elements.dialog.open) elements.dialog.showModal();
    // No link can hold it, so there is nothing to check for secrets either.
    if (linkPayloadBytes(state.code) > MAX_STATE_BYTES) {
      say(`No link: the code is ${sizeText(state.code.length)}, ${TOO_LARGE_FOR_A_LINK}`, 'error');
      return;
    }
    say('Checking the code for secrets…');

    let checked = true;
    try {
      secrets = await actions.secrets(state.code);
    } catch {
      checked = false;
    }
    if (mine !== session) return;
    if (secrets.length > 0) {
      const lines = [...new Set(secrets.map((finding) => finding.line))];
      elements.secretsMessage.textContent =
        `The code holds ${plural(secrets.length, 'value')} that ${secrets.length === 1 ? 'looks' : 'look'} like a real secret ` +
        `(SEC001, line ${lines.join(', ')}). Anyone with the link can read ${secrets.length === 1 ? 'it' : 'them'}.`;
      elements.mask.checked = true;
      elements.secrets.hidden = false;
    }
    let link: string | null;
    try {
      link = await buildLink(mine);
    } catch (error) {
      if (mine === session) say(linkFailure(error), 'error');
      return;
    }
    if (!link || mine !== session) return;
    if (secrets.length > 0) {
      say('Choose whether to mask the secrets, then copy the link.');
    } else if (linkBudget(link.length) === 'too-long') {
      say('Not copied: the link is too long to share well.', 'error');
    } else {
      await copyLink();
      if (!checked && mine === session) say(`${elements.status.textContent ?? ''} Secrets could not be checked: the analysis is not running.`, 'error');
    }
  };

  const run = (button: HTMLButtonElement, task: () => Promise<void>) => {
    button.addEventListener('click', () => {
      button.disabled = true;
      task()
        .catch((error: unknown) => say(`Failed: ${error instanceof Error ? error.message : String(error)}`, 'error'))
        .finally(() => {
          button.disabled = false;
        });
    });
  };

  elements.openButton.disabled = false;
  elements.openButton.addEventListener('click', () => void open());
  elements.closeButton.addEventListener('click', () => elements.dialog.close());
  elements.dialog.addEventListener('close', () => session++);
  elements.dialog.addEventListener('click', (event) => {
    if (event.target === elements.dialog) elements.dialog.close();
  });
  elements.mask.addEventListener('change', () => {
    const mine = session;
    elements.copy.disabled = true;
    void buildLink(mine).then(
      (link) => link && say(elements.mask.checked ? 'The link now holds the code with the secrets masked.' : 'The link now holds the secrets as written.'),
      (error: unknown) => mine === session && say(linkFailure(error), 'error'),
    );
  });
  run(elements.copy, async () => void (await copyLink()));
  run(elements.markdown, async () => {
    say('Waiting for the analysis to finish…');
    const markdown = await actions.markdown();
    await copyText(markdown, 'The review was copied as Markdown.', 'The browser did not allow copying the review.');
  });
  run(elements.json, async () => {
    await actions.downloadJson();
    say('Findings downloaded as JSON.', 'ok');
  });
  run(elements.sarif, async () => {
    await actions.downloadSarif();
    say('Findings downloaded as SARIF 2.1.0.', 'ok');
  });
  run(elements.python, async () => {
    actions.downloadPython();
    say('Code downloaded.', 'ok');
  });
  function linkFailure(error: unknown): string {
    if (error instanceof PermalinkError && error.code === 'too-large') return `No link: the code and its settings are ${TOO_LARGE_FOR_A_LINK}`;
    return `No link: ${error instanceof Error ? error.message : String(error)}`;
  }

  // A click in the link selects all of it, ready for a manual copy.
  elements.url.addEventListener('focus', () => elements.url.select());
}
