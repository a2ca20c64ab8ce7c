import { checkExhaustive, type MigrationStatus } from '../../core/types.js';
import type { Tone } from './theme.js';

/** What one migration's row in the Detect table says, in one word. */
export type StatusWord = 'ok' | 'MISSING' | 'PARTIAL' | 'PENDING' | 'PENDING-BUT-PRESENT' | 'NO FILE';

/**
 * The status word of a migration: recorded rows are judged by whether their
 * footprint exists, unrecorded ones by whether running them would collide.
 */
export function statusWord(status: MigrationStatus): StatusWord {
  if (!status.hasFile) return 'NO FILE';
  if (status.recorded) {
    switch (status.presence) {
      case 'all':
      case 'empty':
        return 'ok';
      case 'partial':
        return 'PARTIAL';
      case 'none':
        return 'MISSING';
      default:
        return checkExhaustive(status.presence);
    }
  }
  // Pending: any object already there makes `migration:up` fail with "already exists".
  return status.presence === 'all' || status.presence === 'partial' ? 'PENDING-BUT-PRESENT' : 'PENDING';
}

/** How loud a status word is. */
export function statusTone(word: StatusWord): Tone {
  switch (word) {
    case 'ok':
      return 'ok';
    case 'MISSING':
      return 'danger';
    case 'PARTIAL':
    case 'PENDING-BUT-PRESENT':
    case 'NO FILE':
      return 'warn';
    case 'PENDING':
      return 'accent';
    default:
      return checkExhaustive(word);
  }
}
