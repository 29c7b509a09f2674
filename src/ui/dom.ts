/**
 * Small DOM helpers. Text only ever enters the page as text nodes (`textContent`), never as markup:
 * findings quote the user's code, and user code must not become HTML.
 */

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
  data?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, value] of Object.entries(options.data ?? {})) element.dataset[name] = value;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** The element with this id, of the expected type: a missing element is a bug in index.html, so fail loudly. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html lacks the #${id} ${type.name}`);
  return element;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A message whose `backticked` parts (code quoted from the user's file) show as code, as text nodes. */
export function withInlineCode(className: string, message: string): HTMLElement {
  const parts = message.split('`');
  // An unmatched backtick leaves an odd count of quotes: show such a message as plain text.
  if (parts.length % 2 === 0) return h('span', { className, text: message });
  return h('span', { className }, ...parts.map((part, index) => (index % 2 === 1 ? h('code', { text: part }) : part)));
}
