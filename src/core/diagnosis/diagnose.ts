import type { CauseId, Diagnosis, Hypothesis, Strategy } from '../types.js';
import { checkExhaustive } from '../types.js';
import { executedAtPatterns, executedAtVsDatabase, ledgerShape, ledgerTransactions, leftovers, outOfBand, partialRuns } from './collectors.js';
import type { EvidenceInputs, Finding } from './evidence.js';

/** Below this gap in confidence between the top two causes, the verdict is `unknown`. */
export const MARGIN = 0.12;

const SUMMARY: Record<CauseId, string> = {
  'in-sync': 'The ledger, the migration files and the schema agree.',
  'dropped-after-apply': 'The migrations really ran; some of their tables were dropped later.',
  'stamped-without-running': 'Ledger rows were written by hand (or by a tool) without the migrations running.',
  'failed-midway': 'A migration ran only partly (errors ignored, or non-transactional statements failed).',
  'recreated-without-migrations': 'The database was recreated or restored: the ledger came back, the schema did not.',
  'out-of-band-objects': 'Objects exist that no recorded migration made (made by hand or by another tool).',
  'ledger-name-mismatch': 'Ledger rows name the migrations by another spelling than the files.',
  'ledger-elsewhere': 'The real ledger lives in another schema or under another table name.',
  'db-ahead-of-code': 'The ledger records migrations this checkout does not have: the code is older than the database.',
  'schema-without-ledger': 'The schema was built without recording any migration.',
  unknown: 'The evidence does not separate the causes.',
};

/** What the top cause means for the repair, and which strategy fits it. */
function advice(cause: CauseId): { hint: string; recommended: Strategy | null } {
  switch (cause) {
    case 'in-sync': return { hint: 'Nothing to repair.', recommended: null };
    case 'dropped-after-apply': return { hint: 'Re-run the lost migrations; leftovers (types, sequences) are reused, not recreated.', recommended: 'rerun' };
    case 'stamped-without-running': return { hint: 'The schema was never built: create it (from the models or by re-running), then the ledger will match.', recommended: 'create-all' };
    case 'failed-midway': return { hint: 'Complete the missing parts of the failed migration and rebuild invalid indexes.', recommended: 'rerun' };
    case 'recreated-without-migrations': return { hint: 'The restored ledger describes another database: re-run the migrations here.', recommended: 'rerun' };
    case 'out-of-band-objects': return { hint: 'Hand-made tables are kept; missing parts are added and the ledger brought in line.', recommended: 'create-all' };
    case 'ledger-name-mismatch': return { hint: 'Only the ledger is wrong: normalise its names; re-running anything would be wrong.', recommended: 'sync-ledger' };
    case 'ledger-elsewhere': return { hint: 'Say which ledger is real (--ledger SCHEMA.TABLE, or --schema when the whole application lives elsewhere) before any repair.', recommended: null };
    case 'db-ahead-of-code': return { hint: 'Check out the code that has these migrations; repairing from an older checkout would undo history.', recommended: null };
    case 'schema-without-ledger': return { hint: 'Record (stamp) exactly the migrations whose footprint is present — verified, not blind.', recommended: 'sync-ledger' };
    case 'unknown': return { hint: 'Choose the repair yourself: the evidence does not single out one cause.', recommended: null };
    default: return checkExhaustive(cause);
  }
}

function refusalFor(findings: Finding[]): string | null {
  const ahead = findings.find((f) => f.cause === 'db-ahead-of-code' && f.weight > 0);
  if (ahead) return `The ledger records ${ahead.objects.join(', ')} with no file in this checkout. Check out the revision that contains these migrations (or pass --migrations DIR), then run drift-doctor again.`;
  const tables = findings.find((f) => f.kind === 'tables-elsewhere');
  if (tables) return `${tables.detail.replace(/^./, (c) => c.toUpperCase())}. Nothing is repaired until drift-doctor looks where the application lives.`;
  const elsewhere = findings.find((f) => f.cause === 'ledger-elsewhere' && f.weight > 0);
  if (elsewhere) {
    const [first] = elsewhere.objects;
    const [schema, table] = (first ?? '').split('.');
    const flag = (first ?? '').split('.').length === 2 ? `--ledger ${first}` : `--ledger-schema ${schema} --ledger-table ${table}`;
    return `A ledger was found at ${first}, not where drift-doctor looked. If it is the real one, run again with ${flag}. No repair is proposed until you say which ledger is real: a new, empty ledger here would record nothing that ran.`;
  }
  return null;
}

/** Ranks the causes from the evidence items; `unknown` when the top two are within MARGIN. */
export function diagnose(inputs: EvidenceInputs): Diagnosis {
  if (inputs.report.inSync) {
    return { verdict: 'in-sync', hypotheses: [{ id: 'in-sync', confidence: 1, summary: SUMMARY['in-sync'], evidence: [] }], repairHint: advice('in-sync').hint, recommended: null, refusal: null };
  }
  const findings = [...ledgerShape(inputs), ...ledgerTransactions(inputs), ...executedAtVsDatabase(inputs), ...executedAtPatterns(inputs), ...leftovers(inputs), ...partialRuns(inputs), ...outOfBand(inputs)];
  const causes = [...new Set(findings.map((f) => f.cause))].filter((c) => c !== 'unknown');
  const score = (c: CauseId) => Math.max(0, findings.filter((f) => f.cause === c).reduce((s, f) => s + f.weight, 0));
  const total = causes.reduce((s, c) => s + score(c), 0);
  // +3 keeps thin evidence from looking certain.
  const hypotheses: Hypothesis[] = causes
    .map((id) => ({
      id,
      confidence: Math.round((score(id) / (total + 3)) * 100) / 100,
      summary: SUMMARY[id],
      evidence: findings.filter((f) => f.cause === id).map(({ cause: _c, ...e }) => e),
    }))
    .filter((h) => h.confidence > 0 || h.evidence.some((e) => e.weight > 0))
    .sort((a, b) => b.confidence - a.confidence);
  const gaps = findings.filter((f) => f.cause === 'unknown').map(({ cause: _c, ...e }) => e);
  const [top, second] = hypotheses;
  const ambiguous = !top || top.confidence < 0.2 || (second !== undefined && top.confidence - second.confidence < MARGIN);
  const verdict: CauseId = ambiguous ? 'unknown' : top.id;
  if (ambiguous) {
    hypotheses.push({ id: 'unknown', confidence: 0, summary: top && second ? `${SUMMARY.unknown} Closest: ${top.id} and ${second.id}.` : SUMMARY.unknown, evidence: gaps });
  }
  const refusal = refusalFor(findings);
  let { hint, recommended } = advice(verdict);
  const partial = inputs.report.migrations.filter((m) => m.presence === 'partial').map((m) => m.name);
  if (verdict === 'schema-without-ledger' && partial.length) {
    // A stamp cannot record a half-present migration; create-all adds the missing parts, then stamps.
    hint = `${partial.join(', ')} ${partial.length === 1 ? 'is' : 'are'} only partly present: create what is missing, then record every migration (a stamp alone would leave ${partial[0]} pending over existing tables).`;
    recommended = 'create-all';
  }
  return { verdict, hypotheses, repairHint: hint, recommended: refusal ? null : recommended, refusal };
}
