/**
 * The rules dialog: switch families and single rules on or off, including the rules that are off by
 * default (community profiles, noisy smells). Changes apply at once and are kept with the state.
 */
import { FAMILY_NAMES, type Family, type RuleMeta } from '../engine/types';
import { h, withInlineCode } from './dom';
import {
  isOnByDefault,
  isRuleEnabled,
  NO_OVERRIDES,
  withFamilyEnabled,
  withRuleEnabled,
  type RuleOverrides,
} from './rule-selection';

export interface SettingsElements {
  dialog: HTMLDialogElement;
  openButton: HTMLButtonElement;
  body: HTMLElement;
  resetButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
}

function ruleRow(rule: RuleMeta, enabled: boolean, toggle: (on: boolean) => void, showDocs: (rule: string) => void): HTMLElement {
  const checkbox = h('input', { attrs: { type: 'checkbox', id: `rule-${rule.id}` }, data: { rule: rule.id } });
  checkbox.checked = enabled;
  checkbox.addEventListener('change', () => toggle(checkbox.checked));
  const docs = h('button', { className: 'rule-docs', text: 'Docs', attrs: { type: 'button', 'aria-label': `Docs of ${rule.id}` } });
  docs.addEventListener('click', () => showDocs(rule.id));
  const badges = [
    rule.severity === 'off' ? 'off by default' : rule.severity,
    rule.profile ? `${rule.profile} profile` : '',
    rule.fixable !== 'no' ? 'fix' : '',
  ].filter(Boolean);
  return h(
    'div',
    { className: 'rule-row' },
    checkbox,
    h(
      'label',
      { attrs: { for: `rule-${rule.id}` } },
      h('span', { className: 'rule-id', text: rule.id }),
      h('span', { className: 'rule-name', text: rule.name }),
      ...badges.map((badge) => h('span', { className: 'rule-badge', text: badge })),
      withInlineCode('rule-summary', rule.summary),
    ),
    docs,
  );
}

export interface SettingsView {
  /** The selection changed elsewhere (a link, a demo): show it. */
  setOverrides(next: RuleOverrides): void;
}

export function setupSettings(
  elements: SettingsElements,
  rules: readonly RuleMeta[],
  initial: RuleOverrides,
  changed: (overrides: RuleOverrides) => void,
  showDocs: (rule: string) => void,
): SettingsView {
  let overrides = initial;

  const update = (next: RuleOverrides) => {
    overrides = next;
    draw();
    changed(overrides);
  };

  const familySection = (family: Family, members: RuleMeta[]) => {
    const enabledCount = members.filter((rule) => isRuleEnabled(rule, overrides)).length;
    const familyBox = h('input', { attrs: { type: 'checkbox', id: `family-${family}` }, data: { family } });
    // Ticked while any rule of the family runs (mixed when only some do): one click switches the whole
    // family off, the next switches all of it on, including its off-by-default rules.
    familyBox.checked = enabledCount > 0;
    familyBox.indeterminate = enabledCount > 0 && enabledCount < members.length;
    familyBox.addEventListener('change', () => update(withFamilyEnabled(overrides, rules, family, familyBox.checked)));
    return h(
      'fieldset',
      { className: 'rule-family' },
      h(
        'legend',
        {},
        familyBox,
        h('label', { attrs: { for: `family-${family}` }, text: `${family} · ${FAMILY_NAMES[family]} (${enabledCount}/${members.length})` }),
      ),
      ...members.map((rule) =>
        ruleRow(rule, isRuleEnabled(rule, overrides), (on) => update(withRuleEnabled(overrides, rule, on)), (id) => {
          elements.dialog.close();
          showDocs(id);
        }),
      ),
    );
  };

  function draw() {
    const focusedId = document.activeElement instanceof HTMLElement && elements.body.contains(document.activeElement)
      ? document.activeElement.id
      : '';
    const families = (Object.keys(FAMILY_NAMES) as Family[])
      .map((family) => [family, rules.filter((rule) => rule.family === family)] as const)
      .filter(([, members]) => members.length > 0);
    elements.body.replaceChildren(...families.map(([family, members]) => familySection(family, members)));
    // Redrawing must not throw the keyboard user back to the top of the dialog.
    if (focusedId) document.getElementById(focusedId)?.focus();
    const offByDefault = rules.filter((rule) => !isOnByDefault(rule)).length;
    elements.resetButton.title = `Back to the default rules (${rules.length - offByDefault} of ${rules.length} on)`;
  }

  elements.openButton.disabled = false;
  elements.openButton.addEventListener('click', () => {
    draw();
    elements.dialog.showModal();
  });
  elements.closeButton.addEventListener('click', () => elements.dialog.close());
  elements.resetButton.addEventListener('click', () => update(NO_OVERRIDES));
  // A click on the backdrop (outside the dialog's box) closes it, as people expect of a modal.
  elements.dialog.addEventListener('click', (event) => {
    if (event.target === elements.dialog) elements.dialog.close();
  });
  return {
    setOverrides(next) {
      overrides = next;
      if (elements.dialog.open) draw();
    },
  };
}
