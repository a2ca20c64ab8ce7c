import type { ApplyProgress, ApplyResult, ConnectionInfo, Diagnosis, DriftReport, RepairPlan, VerifyResult } from '../../core/types.js';
import { detectSummary, migrationHeader, migrationRows } from '../ink/detect-lines.js';
import { rankHypotheses } from '../ink/explain-lines.js';
import { causeTitle, splitSentence } from '../ink/labels.js';
import { BLANK, line, paragraph, plural, type Line, type Span } from '../ink/lines.js';
import { verdictLine, verifyLines } from '../ink/verify-lines.js';
import type { Screen, WizardError } from '../ink/wizard-state.js';
import { emptyApplicationNote } from '../../report/text.js';

/**
 * What plain mode prints at each step, as lines with tones (rendered by
 * `paint.ts`). The Ink wizard's pure line builders are reused where a
 * screen says the same; where Ink relies on scrolling or toggling (all
 * evidence is printed here, the SQL is never wrapped), the text is plain
 * mode's own.
 */

/** The walk as the Ink header names it, for the step headings. */
const STEPS: readonly [Screen, string][] = [
  ['connect', 'Connect'],
  ['detect', 'Detect'],
  ['explain', 'Explain'],
  ['choose', 'Choose'],
  ['preview', 'Preview'],
  ['confirm', 'Confirm'],
  ['apply', 'Apply'],
  ['verify', 'Verify'],
];

/** `Step 2 of 8 · Detect: …`, a blank row above it: where the operator is, in words a screen reader says well. */
export function heading(screen: Screen, title: string, width: number): Line[] {
  const at = STEPS.findIndex(([s]) => s === screen);
  const step = at >= 0 ? `Step ${at + 1} of ${STEPS.length} · ${STEPS[at]![1]}: ` : '';
  return [BLANK, ...paragraph(`${step}${title}`, { width, tone: 'heading', bold: true })];
}

export function connectLines(c: ConnectionInfo, width: number): Line[] {
  const rows: [string, string][] = [
    ['server', c.server],
    ['database', c.database],
    ['role', c.role],
    ['schema', c.schema],
    ['ledger table', c.ledgerTable],
    ['server version', c.serverVersion],
    ['url', c.maskedUrl],
  ];
  return [
    ...rows.map(([label, value]): Line => [{ text: `  ${label.padEnd(16)}`, tone: 'dim' }, { text: value, bold: label === 'database' }]),
    BLANK,
    ...paragraph('Detection only reads. Check this is the database you mean: nothing changes until you confirm.', { width }),
  ];
}

export function detectLines(report: DriftReport, width: number): Line[] {
  return [...detectSummary(report, width), migrationHeader(report.migrations), ...migrationRows(report.migrations)];
}

export function nothingToRepairLines(report: DriftReport, width = 100): Line[] {
  const c = report.counts;
  const empty = emptyApplicationNote(report);
  return [
    line('The ledger, the migration files, the live schema and the models agree.'),
    line(`${c.migrations} migrations, ${c.recorded} recorded, ${c.pending} pending.`, 'dim'),
    ...(empty ? paragraph(empty, { width, tone: 'warn' }) : []),
    BLANK,
    line('verified: in sync', 'ok', true),
  ];
}

const INDENT: Span[] = [{ text: '      ' }];

/** Every cause, most likely first, each with its confidence and all its evidence; the repair hint under the first. */
export function explainLines(diagnosis: Diagnosis, width: number): Line[] {
  const lines: Line[] = [];
  if (diagnosis.verdict === 'unknown') {
    lines.push(...paragraph('The evidence does not clearly favour one cause; the ranking below is a guess.', { width, tone: 'warn' }), BLANK);
  }
  rankHypotheses(diagnosis).forEach((h, i) => {
    const percent = `${Math.round(Math.min(1, Math.max(0, h.confidence || 0)) * 100)}%`;
    lines.push(...paragraph(causeTitle(h.id), { width, lead: [{ text: `  ${i + 1}. ` }, { text: percent.padEnd(5), tone: 'accent', bold: true }], bold: i === 0 }));
    lines.push(...paragraph(h.summary, { width, lead: INDENT }));
    if (h.evidence.length === 0) lines.push(line(`${INDENT[0]!.text}(no evidence recorded)`, 'dim'));
    for (const e of h.evidence) {
      const sign = e.weight > 0 ? '+' : e.weight < 0 ? '−' : '·';
      lines.push(...paragraph(e.detail, { width, lead: [...INDENT, { text: `${sign} `, tone: e.weight > 0 ? 'ok' : e.weight < 0 ? 'warn' : 'dim', bold: true }] }));
    }
    if (i === 0 && diagnosis.repairHint) {
      lines.push(...paragraph(diagnosis.repairHint, { width, lead: [...INDENT, { text: '→ ', tone: 'accent', bold: true }], tone: 'accent' }));
    }
  });
  if (diagnosis.hypotheses.length === 0) lines.push(line('No cause could be ranked: the evidence is empty.', 'warn'));
  return lines;
}

/** A diagnosis that refuses every repair: the reason, and that nothing was changed. */
export function refusalLines(refusal: string, width: number): Line[] {
  return [
    BLANK,
    ...paragraph(`REPAIR REFUSED: ${refusal}`, { width, tone: 'danger', bold: true }),
    ...paragraph('Nothing was changed. Act on this first, then run drift-doctor again.', { width, tone: 'danger' }),
  ];
}

const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export function confirmLines(database: string, plan: RepairPlan, rehearsal: ApplyResult | null, width: number): Line[] {
  return [
    [{ text: `This runs ${plural(plan.steps.length, 'step')} of ` }, { text: plan.strategy, tone: 'accent', bold: true }, { text: ' on ' }, { text: database, bold: true }, { text: ':' }],
    ...paragraph(splitSentence(plan), { width, lead: [{ text: '  ' }] }),
    ...(rehearsal?.ok ? paragraph(`A rehearsal of this plan worked on this database (${seconds(rehearsal.durationMs)}) and was rolled back.`, { width, tone: 'ok' }) : []),
    line('Nothing has changed yet. Once it starts, the repair cannot be interrupted from here.'),
  ];
}

/**
 * One step of a repair or rehearsal: `  ✓ 12/95  reason  sql…`. The reason
 * wraps under itself; the statement's head follows only when it fits, since
 * several steps can share a reason.
 */
export function progressLines(progress: ApplyProgress, total: number, width: number): Line[] {
  const ok = progress.state !== 'failed';
  const mark = progress.state === 'running' ? '…' : ok ? '✓' : '✗';
  const count = `${String(progress.index + 1).padStart(String(total).length)}/${total}  `;
  const reason = `${progress.step.reason}${progress.step.outsideTransaction ? ' (after COMMIT)' : ''}`;
  const lead: Span[] = [{ text: `  ${mark} `, tone: progress.state === 'running' ? 'dim' : ok ? 'ok' : 'danger', bold: true }, { text: count }];
  const rows = paragraph(reason, { width, lead, tone: ok ? undefined : 'danger' });
  const last = rows[rows.length - 1]!;
  const room = width - last.reduce((n, s) => n + s.text.length, 0) - 2;
  const sql = progress.step.sql.replace(/\s+/g, ' ').trim();
  if (room <= 12) return rows;
  return [...rows.slice(0, -1), [...last, { text: `  ${sql.length > room ? `${sql.slice(0, room - 1)}…` : sql}`, tone: 'dim' }]];
}

/** The end of a repair: what ran, the journal, each check, the counts, and the verdict last. */
export function verifyScreenLines(verify: VerifyResult, result: ApplyResult | null, width: number): Line[] {
  return [
    ...verifyLines(verify, result, width),
    ...paragraph(verdictLine(verify, result), { width, tone: verify.ok ? 'ok' : 'danger', bold: true }),
  ];
}

/** Whether the database may have been written to when the error happened (the Ink error screen's rule). */
function touched(error: WizardError): boolean {
  return !error.nothingRan && (error.during === 'applying' || error.during === 'verifying');
}

/** An engine error: what happened, what to do, and whether the database was touched. Never a stack. */
export function errorLines(error: WizardError, width: number): Line[] {
  const hint = error.hint ?? 'run drift-doctor check to see where things stand, then try again';
  return [
    BLANK,
    line(`Stopped while ${error.during}`, 'danger', true),
    ...paragraph(error.message, { width, tone: 'danger' }),
    ...paragraph(`What to do: ${hint}`, { width }),
    ...paragraph(
      touched(error)
        ? 'The repair may not have completed: run `drift-doctor check` to see the database as it is now.'
        : 'Nothing was changed.',
      { width, tone: 'dim' },
    ),
  ];
}
