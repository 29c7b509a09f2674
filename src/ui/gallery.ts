/**
 * The demo gallery: every demo with its story and what it expects, one click to open it; below them,
 * the copies of the user's own code that this browser kept when something replaced it.
 */
import type { Demo } from './demos';
import { byId, h, plural, withInlineCode } from './dom';
import { parseExpectations } from './expectations';
import type { KeptCopy } from './state';

export interface GalleryElements {
  dialog: HTMLDialogElement;
  openButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  body: HTMLElement;
}

export function galleryElements(): GalleryElements {
  return {
    dialog: byId('gallery-dialog', HTMLDialogElement),
    openButton: byId('open-gallery', HTMLButtonElement),
    closeButton: byId('gallery-close', HTMLButtonElement),
    body: byId('gallery-body', HTMLElement),
  };
}

export interface GalleryActions {
  openDemo(demo: Demo): void;
  kept(): KeptCopy[];
  openKept(copy: KeptCopy): void;
}

function expectedSummary(demo: Demo): string {
  const { findings, none } = parseExpectations(demo.code);
  if (none || findings.length === 0) return 'Expects no findings';
  const counts = new Map<string, number>();
  for (const { rule } of findings) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return `Expects ${[...counts].map(([rule, count]) => (count > 1 ? `${rule} ×${count}` : rule)).join(', ')}`;
}

function firstLine(code: string): string {
  const line = code.split('\n').find((text) => text.trim() !== '' && !text.trim().startsWith('#')) ?? '';
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

export function setupGallery(elements: GalleryElements, demos: readonly Demo[], actions: GalleryActions): { show(): void } {
  const close = () => elements.dialog.close();

  const demoCard = (demo: Demo) => {
    const open = h('button', { className: 'gallery-open', text: 'Open', attrs: { type: 'button', 'aria-label': `Open the demo “${demo.title}”` } });
    open.addEventListener('click', () => {
      close();
      actions.openDemo(demo);
    });
    return h(
      'li',
      { className: 'gallery-item', data: { demo: demo.id } },
      h('div', { className: 'gallery-item-header' }, h('h3', { text: demo.title }), open),
      h('p', { className: 'gallery-file', text: `${demo.file} · ${expectedSummary(demo)}` }),
      h('p', { className: 'gallery-story' }, withInlineCode('', demo.story)),
    );
  };

  const keptItem = (copy: KeptCopy) => {
    const open = h('button', { className: 'gallery-open', text: 'Open', attrs: { type: 'button' } });
    open.addEventListener('click', () => {
      close();
      actions.openKept(copy);
    });
    const when = copy.keptAt ? new Date(copy.keptAt).toLocaleString() : 'earlier';
    return h(
      'li',
      { className: 'gallery-item gallery-kept' },
      h('div', { className: 'gallery-item-header' }, h('h3', { text: `${plural(copy.code.split('\n').length, 'line')}, kept ${when}` }), open),
      h('pre', { className: 'gallery-preview' }, h('code', { text: firstLine(copy.code) })),
    );
  };

  const draw = () => {
    const kept = actions.kept();
    const parts: HTMLElement[] = [h('ul', { className: 'gallery-list' }, ...demos.map(demoCard))];
    if (kept.length > 0) {
      parts.push(
        h(
            'section',
            { className: 'gallery-kept-section' },
            h('h3', { text: 'Your code, kept in this browser' }),
            h('p', { className: 'settings-note', text: 'Opening a link, a demo or an example keeps the code it replaced here (the last five).' }),
            h('ul', { className: 'gallery-list' }, ...kept.map(keptItem)),
          ),
      );
    }
    elements.body.replaceChildren(...parts);
  };

  const show = () => {
    draw();
    elements.dialog.showModal();
  };
  elements.openButton.disabled = false;
  elements.openButton.addEventListener('click', show);
  elements.closeButton.addEventListener('click', close);
  elements.dialog.addEventListener('click', (event) => {
    if (event.target === elements.dialog) close();
  });
  return { show };
}
