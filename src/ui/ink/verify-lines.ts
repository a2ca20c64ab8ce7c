import type { ApplyResult, DriftCounts, VerifyResult } from '../../core/types.js';
import { BLANK, line, paragraph, plural, type Line } from './lines.js';

/** Counts shown before/after, in table order. */
const COUNT_ROWS: readonly { key: keyof DriftCounts; label: string; problem: boolean }[] = [
  { key: 'migrations', label: 'migrations', problem: false },
  { key: 'recorded', label: 'recorded', problem: false },
  { key: 'recordedButMissing', label: 'recorded but missing', problem: true },
  { key: 'recordedPartial', label: 'partly present', problem: true },
  { key: 'pendingButPresent', label: 'pending but present', problem: true },
  { key: 'pending', label: 'pending', problem: false },
  { key: 'ledgerWithoutFile', label: 'recorded without a file', problem: true },
];

/** Before and after counts side by side. */
export function countLines(before: DriftCounts, after: DriftCounts): Line[] {
  const rows: Line[] = [line(`  ${''.padEnd(26)}${'before'.padStart(8)}${'after'.padStart(8)}`, 'dim', true)];
  for (const row of COUNT_ROWS) {
    const b = before[row.key];
    const a = after[row.key];
    const tone = row.problem ? (a > 0 ? 'warn' : b > 0 ? 'ok' : undefined) : undefined;
    rows.push([{ text: `  ${row.label.padEnd(26)}${String(b).padStart(8)}` }, { text: String(a).padStart(8), tone, bold: a !== b }]);
  }
  return rows;
}

/** One row per check: ✓/✗, its label and detail. */
export function checkLines(verify: VerifyResult, width: number): Line[] {
  return verify.checks.flatMap((check) =>
    paragraph(check.detail ? `${check.label}: ${check.detail}` : check.label, {
      width,
      lead: [{ text: check.ok ? '  ✓ ' : '  ✗ ', tone: check.ok ? 'ok' : 'danger', bold: true }],
      tone: check.ok ? undefined : 'danger',
    }),
  );
}

/**
 * The apply outcome in one sentence. A repair that reports ok was committed
 * (the engine commits only what verified inside the transaction); the check
 * after it says whether it is still in sync.
 */
export function applySummary(result: ApplyResult, verify: VerifyResult, width: number): Line[] {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const ran = `${plural(result.stepsRun, 'step')} in ${seconds} s`;
  if (result.ok && verify.ok) return paragraph(`committed and verified: in sync — ${ran}`, { width, tone: 'ok', bold: true });
  if (result.ok) return paragraph(`committed (${ran}), but the check after it still finds drift: see below`, { width, tone: 'warn', bold: true });
  const at = result.failedStep ? ` at "${result.failedStep.reason}"` : '';
  // Wrapped, not cut: the error is the part the operator needs.
  return paragraph(`Repair failed${at} after ${plural(result.stepsRun, 'step')}: ${result.error ?? 'no error given'}`, { width, tone: 'danger', bold: true });
}

/**
 * The verdict: exactly `verified: in sync` when every check passed, otherwise
 * `not verified: ` and what is left.
 */
export function verdictLine(verify: VerifyResult, result: ApplyResult | null): string {
  if (verify.ok) return 'verified: in sync';
  const left = verify.checks.filter((c) => !c.ok).map((c) => (c.detail ? `${c.label} (${c.detail})` : c.label));
  if (result && !result.ok) left.unshift(`the repair failed: ${result.error ?? 'no error given'}`);
  return `not verified: ${left.length > 0 ? left.join('; ') : 'the engine reported drift without a failing check'}`;
}

/** What the engine could not undo or record, one `note:` paragraph each. */
export function noteLines(notes: readonly string[] | undefined, width: number): Line[] {
  if (!notes || notes.length === 0) return [];
  return [...notes.flatMap((note) => paragraph(note, { width, lead: [{ text: 'note: ', tone: 'warn', bold: true }] })), BLANK];
}

/**
 * Where the repair's journal is and how to undo its ledger changes. Undo puts
 * the ledger rows back; it never drops what the repair created.
 */
export function journalLines(result: ApplyResult, width: number): Line[] {
  // None for a rehearsal, nor for the embedded database of `demo` (gone when the demo ends).
  if (!result.journalPath) return [];
  // The dry run first: it shows what would be restored before anything is.
  const undo = `npx drift-doctor undo ${result.journalPath} --dry-run`;
  const how = result.ok ? 'see how to undo the ledger changes: ' : 'if anything was committed, see how to undo it: ';
  return [
    ...paragraph(result.journalPath, { width, lead: [{ text: 'journal: ', tone: 'dim' }] }),
    ...(how.length + undo.length <= width ? [[{ text: how, tone: 'dim' as const }, { text: undo, bold: true }]] : [line(how.trimEnd(), 'dim'), ...paragraph(undo, { width, lead: [{ text: '  ' }], bold: true })]),
    BLANK,
  ];
}

/** The Verify screen body above its verdict. */
export function verifyLines(verify: VerifyResult, result: ApplyResult | null, width: number): Line[] {
  return [
    ...(result ? [...applySummary(result, verify, width), BLANK, ...journalLines(result, width), ...noteLines(result.notes, width)] : []),
    ...checkLines(verify, width),
    BLANK,
    ...countLines(verify.before, verify.after),
    BLANK,
  ];
}
