import type { ObjectDifference, ObjectKind, ObjectRef, SchemaSnapshot } from '../types.js';

export function objectRef(kind: ObjectKind, name: string, table?: string): ObjectRef {
  const key = table && kind !== 'table' ? `${kind}:${table}.${name}` : `${kind}:${name}`;
  return table && kind !== 'table' ? { kind, table, name, key } : { kind, name, key };
}

/** A human label: `column agents.name`, `index tasks_status_index`. */
export function describeObject(o: ObjectRef): string {
  const what = o.table && o.kind !== 'table' && o.kind !== 'index' ? `${o.kind} ${o.table}.${o.name}` : `${o.kind} ${o.name}`;
  return o.altered ? `change to ${what}` : what;
}

interface Entry {
  ref: ObjectRef;
  /** Comparable definition; two entries with the same key and signature are the same object. */
  signature: string;
}

/** Every object of a snapshot, keyed by `ObjectRef.key`. */
export function objectsOf(snap: SchemaSnapshot): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const add = (ref: ObjectRef, signature: string) => out.set(ref.key, { ref, signature });
  for (const t of Object.values(snap.tables)) {
    add(objectRef('table', t.name), '');
    for (const c of Object.values(t.columns)) {
      add(objectRef('column', c.name, t.name), `${c.type}|${c.nullable ? 'null' : 'not null'}|${c.default ?? ''}`);
    }
    for (const i of Object.values(t.indexes)) add(objectRef('index', i.name, t.name), i.definition);
    for (const f of Object.values(t.foreignKeys)) add(objectRef('foreign-key', f.name, t.name), f.definition);
  }
  for (const e of Object.values(snap.enums)) add(objectRef('enum', e.name), e.values.join(','));
  for (const s of Object.values(snap.sequences)) add(objectRef('sequence', s.name), '');
  return out;
}

export interface SnapshotDelta {
  created: ObjectRef[];
  altered: ObjectRef[];
  removed: ObjectRef[];
}

/** What changed from `before` to `after` (used to attribute objects to migrations). */
export function deltaOf(before: SchemaSnapshot, after: SchemaSnapshot): SnapshotDelta {
  const a = objectsOf(before);
  const b = objectsOf(after);
  const created: ObjectRef[] = [];
  const altered: ObjectRef[] = [];
  const removed: ObjectRef[] = [];
  for (const [key, entry] of b) {
    const old = a.get(key);
    if (!old) created.push(entry.ref);
    else if (old.signature !== entry.signature) altered.push(entry.ref);
  }
  for (const [key, entry] of a) if (!b.has(key)) removed.push(entry.ref);
  return { created, altered, removed };
}

function differenceDetail(ref: ObjectRef, expected: string, actual: string): string {
  if (ref.kind === 'column') {
    const [et, en, ed] = expected.split('|');
    const [at, an, ad] = actual.split('|');
    const parts: string[] = [];
    if (et !== at) parts.push(`type is ${at}, expected ${et}`);
    if (en !== an) parts.push(`is ${an}, expected ${en}`);
    if (ed !== ad) parts.push(`default is ${ad || 'none'}, expected ${ed || 'none'}`);
    return parts.join('; ');
  }
  if (ref.kind === 'enum') return `values are (${actual}), expected (${expected})`;
  return `definition is ${actual}, expected ${expected}`;
}

/** Objects present in both whose definitions differ. */
export function differences(expected: SchemaSnapshot, live: SchemaSnapshot, keys?: Set<string>): ObjectDifference[] {
  const e = objectsOf(expected);
  const l = objectsOf(live);
  const out: ObjectDifference[] = [];
  for (const [key, entry] of e) {
    if (keys && !keys.has(key)) continue;
    const actual = l.get(key);
    if (!actual || actual.signature === entry.signature) continue;
    out.push({ object: entry.ref, expected: entry.signature, actual: actual.signature, detail: differenceDetail(entry.ref, entry.signature, actual.signature) });
  }
  return out;
}
