/**
 * Light and dark themes. "System" follows the operating system live; an explicit choice is remembered.
 * The page's colours come from CSS variables keyed on `<html data-theme>`; Monaco gets the matching theme.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'testsniff.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function savedChoice(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return CHOICES.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

function remember(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered across reloads, still applied now.
  }
}

export interface ThemeControl {
  readonly theme: Theme;
  onChange(listener: (theme: Theme) => void): void;
}

/** Wires the theme `<select>` and applies the theme to the page before the editor exists. */
export function setupTheme(picker: HTMLSelectElement): ThemeControl {
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const listeners: ((theme: Theme) => void)[] = [];
  let choice = savedChoice();
  let theme: Theme = 'light';

  const apply = () => {
    theme = choice === 'system' ? (systemDark.matches ? 'dark' : 'light') : choice;
    document.documentElement.dataset.theme = theme;
    for (const listener of listeners) listener(theme);
  };

  picker.value = choice;
  picker.addEventListener('change', () => {
    choice = CHOICES.includes(picker.value as ThemeChoice) ? (picker.value as ThemeChoice) : 'system';
    remember(choice);
    apply();
  });
  systemDark.addEventListener('change', () => {
    if (choice === 'system') apply();
  });
  apply();

  return {
    get theme() {
      return theme;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
