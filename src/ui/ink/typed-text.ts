import type { Key } from 'ink';

/** Characters that erase the last typed one: DEL (what Backspace sends) and BS (Ctrl+H, some terminals' Backspace). */
const ERASE = new Set(['\u007F', '\b']);

/** The key flags that decide how one input event edits a line. */
export type EditKey = Pick<Key, 'backspace' | 'delete' | 'ctrl' | 'meta'>;

/**
 * The typed text after one input event. Ink flags Backspace or Delete only
 * when it arrives alone; keys that reach us in one chunk (fast typing, a burst
 * of Backspaces, a paste, a slow link) come as one `input` string with no
 * flag, so each character is applied in order: printable ones are appended,
 * each DEL or BS erases one. Enter inside a chunk is dropped, not obeyed — a
 * pasted name ending in a newline must not confirm by itself.
 */
export function editTyped(text: string, input: string, key: EditKey): string {
  // Ink gives '' as the input of a lone Backspace/Delete.
  if (key.backspace || key.delete) return eraseLast(text);
  // Ctrl+U clears the line, as in a shell (and in the wizard's path prompts).
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl || key.meta) return text;
  let out = text;
  for (const ch of input) {
    if (ERASE.has(ch)) out = eraseLast(out);
    else if (ch >= ' ') out += ch;
  }
  return out;
}

/** Without the last character (a whole code point, never half of one). */
function eraseLast(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}
