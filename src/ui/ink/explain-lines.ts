import type { Diagnosis, Evidence, Hypothesis } from '../../core/types.js';
import { confidenceBar } from './confidence-bar.js';
import { causeTitle } from './labels.js';
import { BLANK, line, paragraph, type Line } from './lines.js';

/** Hypotheses, most confident first (stable for equal confidence). */
export function rankHypotheses(diagnosis: Diagnosis): Hypothesis[] {
  return [...diagnosis.hypotheses].sort((a, b) => b.confidence - a.confidence);
}

export interface ExplainLayout {
  lines: Line[];
  /** First and last row of each hypothesis' block, in ranked order. */
  blocks: { first: number; last: number }[];
}

export interface ExplainView {
  selected: number;
  expanded: ReadonlySet<number>;
  width: number;
  /** Every cause open, each evidence item with the collector that found it, its weight and the objects it names. */
  details?: boolean;
}

const INDENT = '      ';

/** `ledger-xmin · weight +0.50 · objects: agents, tools`: where an evidence item comes from and what it counts for. */
export function evidenceSource(e: Evidence): string {
  const weight = `${e.weight > 0 ? '+' : e.weight < 0 ? '−' : '±'}${Math.abs(e.weight).toFixed(2)}`;
  const objects = e.objects.length > 0 ? ` · objects: ${e.objects.join(', ')}` : '';
  return `${e.kind} · weight ${weight}${objects}`;
}

function evidenceLines(evidence: readonly Evidence[], width: number, details: boolean): Line[] {
  return evidence.flatMap((e) => {
    const sign = e.weight > 0 ? '+' : e.weight < 0 ? '−' : '·';
    const tone = e.weight > 0 ? 'ok' : e.weight < 0 ? 'warn' : 'dim';
    const item = paragraph(e.detail, { width, lead: [{ text: INDENT }, { text: `${sign} `, tone, bold: true }] });
    return details ? [...item, ...paragraph(evidenceSource(e), { width, lead: [{ text: `${INDENT}  ` }], tone: 'dim' })] : item;
  });
}

function hypothesisLines(h: Hypothesis, open: boolean, selected: boolean, width: number, details = false): Line[] {
  const head: Line = [
    { text: selected ? '❯ ' : '  ', tone: 'accent', bold: true },
    { text: open ? '▾ ' : '▸ ', tone: 'dim' },
    { text: confidenceBar(h.confidence).padEnd(16), tone: 'accent' },
    { text: causeTitle(h.id), bold: selected },
  ];
  if (!open) return [head];
  const summary = paragraph(h.summary, { width, lead: [{ text: INDENT }] });
  const evidence = h.evidence.length > 0 ? evidenceLines(h.evidence, width, details) : [line(`${INDENT}(no evidence recorded)`, 'dim')];
  return [head, ...summary, ...evidence];
}

/** The head of the screen: refusal first, then what the ranking means. */
function preamble(diagnosis: Diagnosis, width: number): Line[] {
  const lines: Line[] = [];
  if (diagnosis.refusal) {
    lines.push(...paragraph(`REPAIR REFUSED: ${diagnosis.refusal}`, { width, tone: 'danger', bold: true }));
    lines.push(...paragraph('Nothing was changed. Act on this first, then run drift-doctor again (q quits).', { width, tone: 'danger' }));
    lines.push(BLANK);
  }
  if (diagnosis.verdict === 'unknown') {
    lines.push(...paragraph('The evidence does not clearly favour one cause; the ranking below is a guess.', { width, tone: 'warn' }));
    lines.push(BLANK);
  }
  return lines;
}

/** The Explain screen as lines: ranked causes, the selected/expanded ones open, the repair hint under the top one. */
export function explainLines(diagnosis: Diagnosis, view: ExplainView): ExplainLayout {
  const lines = preamble(diagnosis, view.width);
  const blocks: ExplainLayout['blocks'] = [];
  rankHypotheses(diagnosis).forEach((h, i) => {
    const first = lines.length;
    lines.push(...hypothesisLines(h, view.details === true || view.expanded.has(i), view.selected === i, view.width, view.details));
    if (i === 0 && diagnosis.repairHint) {
      lines.push(...paragraph(diagnosis.repairHint, { width: view.width, lead: [{ text: INDENT }, { text: '→ ', tone: 'accent', bold: true }], tone: 'accent' }));
    }
    blocks.push({ first, last: lines.length - 1 });
  });
  if (blocks.length === 0) lines.push(line('No cause could be ranked: the evidence is empty.', 'warn'));
  return { lines, blocks };
}
