import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process, exactly as the binary does, capturing what it prints. */
export async function runCli(args: string[]): Promise<CliResult> {
  // Journals of test repairs go to the temp dir, not the working tree.
  if (args[0] === 'repair' && args.includes('--yes') && !args.includes('--journal')) {
    args = [...args, '--journal', path.join(os.tmpdir(), 'drift-doctor-test-journals')];
  }
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function checkJson(url: string): Promise<{ code: number; json: CheckJson }> {
  const r = await runCli(['check', '--json', '--url', url]);
  if (r.code === 2) throw new Error(`check failed: ${r.err}`);
  return { code: r.code, json: JSON.parse(r.out) as CheckJson };
}

export interface CheckJson {
  inSync: boolean;
  counts: Record<string, number>;
  migrations: { name: string; recorded: boolean; presence: string }[];
  diagnosis: {
    verdict: string;
    refusal: string | null;
    recommended: string | null;
    hypotheses: { id: string; confidence: number; evidence: { kind: string; detail: string; objects: string[]; weight: number }[] }[];
  };
}
