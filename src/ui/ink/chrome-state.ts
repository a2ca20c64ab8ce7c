import { checkExhaustive } from '../../core/types.js';
import type { FileNotice, Screen } from './wizard-state.js';

/** What the file-name prompt writes: the plan as SQL (`w` on Preview) or the incident report (`m` at the end). */
export type PromptFor = FileNotice['what'];

/**
 * What the container shows around the current step: the help, the details
 * toggles and the file-name prompt. Kept apart from the walk's state, which
 * only the engine's answers and the operator's choices move.
 */
export interface Chrome {
  /** The help for the current screen is open. */
  help: boolean;
  /** First row of the help shown. */
  helpOffset: number;
  /** Screens whose details the operator switched on with `d`. */
  details: Partial<Record<Screen, boolean>>;
  /** The file name being typed, and for what, while the prompt is open. */
  prompt: { what: PromptFor; text: string } | null;
}

export type ChromeAction =
  | { type: 'help'; open: boolean }
  | { type: 'help-scroll'; offset: number }
  | { type: 'details'; screen: Screen }
  /** Opens the prompt for `what` (or edits the open one's text when `what` is left out); null closes it. */
  | { type: 'prompt'; text: string | null; what?: PromptFor };

export const initialChrome: Chrome = { help: false, helpOffset: 0, details: {}, prompt: null };

export function chromeReducer(chrome: Chrome, action: ChromeAction): Chrome {
  switch (action.type) {
    case 'help':
      return { ...chrome, help: action.open, helpOffset: 0 };
    case 'help-scroll':
      return { ...chrome, helpOffset: action.offset };
    case 'details':
      return { ...chrome, details: { ...chrome.details, [action.screen]: !chrome.details[action.screen] } };
    case 'prompt':
      return { ...chrome, prompt: action.text === null ? null : { what: action.what ?? chrome.prompt?.what ?? 'plan', text: action.text } };
    default:
      return checkExhaustive(action);
  }
}
