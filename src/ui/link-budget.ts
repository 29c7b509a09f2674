/** How long a link may be where it will be pasted: chat messages, then issues and mail, then nowhere. */
export const CHAT_LIMIT = 2_000;
export const LONG_LIMIT = 8_000;

export type LinkBudget = 'chat' | 'long' | 'too-long';

export function linkBudget(length: number): LinkBudget {
  if (length <= CHAT_LIMIT) return 'chat';
  return length <= LONG_LIMIT ? 'long' : 'too-long';
}

const number = new Intl.NumberFormat('en');

export function budgetText(length: number): string {
  const size = `${number.format(length)} characters`;
  switch (linkBudget(length)) {
    case 'chat':
      return `${size}: fits a chat message (up to ${number.format(CHAT_LIMIT)}).`;
    case 'long':
      return `${size}: long (over ${number.format(CHAT_LIMIT)}); fine in an issue or a mail, too long for some chats.`;
    case 'too-long':
      return `${size}: too long to share as a link (over ${number.format(LONG_LIMIT)}). Copy the review as Markdown or download the code instead.`;
  }
}
