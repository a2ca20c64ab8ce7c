import type { ApplyResult, Diagnosis, DriftReport, MigrationStatus, RepairPlan } from '../core/types.js';

function statusWord(m: MigrationStatus): string {
  if (!m.hasFile) return 'NO FILE';
  if (m.recorded) return m.presence === 'none' ? 'MISSING' : m.presence === 'partial' ? 'PARTIAL' : m.different.length ? 'DIFFERENT' : 'ok';
  return m.presence === 'all' || m.presence === 'partial' ? 'PENDING-BUT-PRESENT' : 'pending';
}

/** The check report as lines for a terminal or a log. */
export function renderCheck(report: DriftReport, diagnosis: Diagnosis): string {
  const c = report.connection;
  const lines = [
    `drift-doctor check — ${c.database} on ${c.server} as ${c.role} (${c.serverVersion}), schema ${c.schema}, ledger ${c.ledgerTable}`,
    '',
    `${'migration'.padEnd(34)} ${'recorded'.padEnd(9)} ${'present'.padEnd(8)} status`,
    ...report.migrations.map((m) => `${m.name.padEnd(34)} ${(m.recorded ? 'yes' : 'no').padEnd(9)} ${m.presence.padEnd(8)} ${statusWord(m)}`),
    '',
    `recorded ${report.counts.recorded}/${report.counts.migrations}; recorded but missing ${report.counts.recordedButMissing}; partial ${report.counts.recordedPartial}; pending but present ${report.counts.pendingButPresent}; ledger rows without file ${report.counts.ledgerWithoutFile}`,
  ];
  if (!report.ledger.exists) lines.push(`no ledger table ${report.ledger.schema}.${report.ledger.table}`);
  if (report.invalidIndexes.length) lines.push(`invalid indexes: ${report.invalidIndexes.join(', ')}`);
  if (report.extra.length) lines.push(`not made by any migration: ${report.extra.map((o) => (o.table ? `${o.table}.${o.name}` : o.name)).join(', ')}`);
  lines.push('', report.inSync ? 'verdict: in sync — nothing to repair' : `verdict: ${diagnosis.verdict}`);
  for (const h of diagnosis.hypotheses) {
    if (h.id === 'in-sync') continue;
    lines.push(`  ${h.id} ${Math.round(h.confidence * 100)}% — ${h.summary}`);
    for (const e of h.evidence) lines.push(`    ${e.weight > 0 ? '+' : e.weight < 0 ? '−' : '·'} ${e.detail}`);
  }
  if (!report.inSync) {
    lines.push('', `what this means for the repair: ${diagnosis.repairHint}`);
    if (diagnosis.refusal) lines.push(`REFUSED: ${diagnosis.refusal}`);
    else if (diagnosis.recommended) lines.push(`next: drift-doctor repair --strategy ${diagnosis.recommended} --dry-run`);
  }
  return lines.join('\n');
}

export function renderPlan(plan: RepairPlan): string {
  const lines = [`plan: ${plan.strategy} — ${plan.consequence}`];
  if (!plan.applicable) return [...lines, `REFUSED: ${plan.refusal}`].join('\n');
  for (const n of plan.needsHuman) lines.push(`needs a human: ${n.object} — ${n.reason}`);
  for (const c of plan.conflicts) lines.push(`conflict foreseen: ${c.migration} — ${c.problem}`);
  lines.push('', 'begin;', '-- lock_timeout, statement_timeout and pg_advisory_xact_lock are set first');
  plan.steps.forEach((s, i) => {
    lines.push(`-- ${i + 1}. ${s.reason} [locks: ${s.locks}]`, s.sql);
  });
  lines.push('-- verification runs here, inside the transaction; any failure rolls back', 'commit;');
  return lines.join('\n');
}

export function renderApply(result: ApplyResult): string {
  const lines = [result.ok ? `applied ${result.stepsRun} steps in ${result.durationMs} ms` : `repair failed: ${result.error}`];
  if (result.verify) {
    for (const c of result.verify.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.label}${c.ok ? '' : ` — ${c.detail}`}`);
    lines.push(result.ok && result.verify.ok ? 'verified: in sync' : 'not verified');
  }
  return lines.join('\n');
}
