import { checkExhaustive, type MigrationStatus } from '../../core/types.js';
import type { Tone } from './theme.js';

/**
 * What one migration's row in the Detect table says, in one word — the same
 * words `drift-doctor check` prints: problems in capitals, `ok` and a merely
 * `pending` migration in lower case.
 */
export type StatusWord = 'ok' | 'MISSING' | 'PARTIAL' | 'DIFFERENT' | 'pending' | 'PENDING-BUT-PRESENT' | 'NO FILE';

/**
 * The status word of a migration: recorded rows are judged by whether their
 * footprint exists (and, when it does, whether it matches what the migration
 * makes), unrecorded ones by whether running them would collide.
 */
export function statusWord(status: MigrationStatus): StatusWord {
  if (!status.hasFile) return 'NO FILE';
  if (status.recorded) {
    switch (status.presence) {
      case 'all':
      case 'empty':
        return status.different.length > 0 ? 'DIFFERENT' : 'ok';
      case 'partial':
        return 'PARTIAL';
      case 'none':
        return 'MISSING';
      default:
        return checkExhaustive(status.presence);
    }
  }
  // Pending: any object already there makes `migration:up` fail with "already exists".
  return status.presence === 'all' || status.presence === 'partial' ? 'PENDING-BUT-PRESENT' : 'pending';
}

/** How loud a status word is. */
export function statusTone(word: StatusWord): Tone {
  switch (word) {
    case 'ok':
      return 'ok';
    case 'MISSING':
      return 'danger';
    case 'PARTIAL':
    case 'DIFFERENT':
    case 'PENDING-BUT-PRESENT':
    case 'NO FILE':
      return 'warn';
    case 'pending':
      return 'accent';
    default:
      return checkExhaustive(word);
  }
}

/** Whether the word names a problem (the ones `check` prints in capitals), so the row is bold. */
export function isProblem(word: StatusWord): boolean {
  return word !== 'ok' && word !== 'pending';
}
