/**
 * The Markdown incident report, rendered from what the real engine returns
 * on scenarios built for real: S01 (the seed incident) repaired with
 * create-all, rehearsed first and failed once on purpose; S04 planned (a
 * step after COMMIT); S08 refused. Set DD_REPORT_DIR to keep the S01
 * reports for reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectOutcome } from '../../src/core/engine.js';
import { DriftEngine } from '../../src/core/session.js';
import type { ApplyResult, ConnectionInfo, RepairPlan, VerifyResult } from '../../src/core/types.js';
import { STRINGS } from '../../src/report/i18n.js';
import { renderIncidentReport, type IncidentRecord } from '../../src/report/incident.js';
import { writeReport } from '../../src/report/write.js';
import { scenarioDatabases } from '../helpers/scenario.js';

const JOURNALS = mkdtempSync(path.join(os.tmpdir(), 'dd-report-journals-'));
afterAll(() => rmSync(JOURNALS, { recursive: true, force: true }));

/** `#` lines of a Markdown document, outside code blocks. */
function headings(markdown: string): string[] {
  let inCode = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) inCode = !inCode;
    return !inCode && /^#{1,6} /.test(line);
  });
}

/** The text of one `## ` section. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** A URL with a password the trust-auth test server ignores, to prove no report ever prints it. */
function withPassword(url: string): { url: string; secret: string } {
  const u = new URL(url);
  if (!u.password) u.password = 'dd-report-secret-pw';
  return { url: u.toString(), secret: decodeURIComponent(u.password) };
}

describe('incident report from the real engine', { timeout: 180_000 }, () => {
  const scenarios = scenarioDatabases();
  const engines: DriftEngine[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  describe('S01 seed-incident, repaired with create-all', () => {
    let secret: string;
    let connection: ConnectionInfo;
    let detected: DetectOutcome;
    let plan: RepairPlan;
    let rehearsal: ApplyResult;
    let failed: ApplyResult;
    let result: ApplyResult;
    let verify: VerifyResult;
    let afterRepair: DetectOutcome;
    let startedAt: string;
    let en: string;
    let ru: string;

    beforeAll(async () => {
      const db = await scenarios.build('seed-incident');
      const target = withPassword(db.url);
      secret = target.secret;
      startedAt = new Date().toISOString();
      const engine = new DriftEngine({ url: target.url, journalDir: JOURNALS });
      engines.push(engine);
      connection = await engine.connect();
      detected = await engine.detect();
      plan = await engine.plan('create-all', detected);
      rehearsal = await engine.apply(plan, undefined, { rehearse: true });
      // Someone creates a table the plan is about to create: the apply fails and rolls back.
      await db.query('create table users (id int primary key)');
      failed = await engine.apply(plan);
      await db.query('drop table users');
      result = await engine.apply(plan);
      verify = await engine.verify(detected);
      afterRepair = await engine.detect();
      const record: IncidentRecord = { connection, detected, plan, result, verify, rehearsal: false, startedAt, finishedAt: new Date().toISOString(), toolVersion: '0.1.0' };
      en = renderIncidentReport(record, 'en');
      ru = renderIncidentReport(record, 'ru');
      const keep = process.env.DD_REPORT_DIR;
      if (keep) {
        writeReport(path.join(keep, 'report-en.md'), en);
        writeReport(path.join(keep, 'report-ru.md'), ru);
      }
    });

    it('the engine did what the report is about: rehearsal, a failed apply, then a verified one', () => {
      expect(rehearsal.ok).toBe(true);
      expect(failed.ok).toBe(false);
      expect(result.ok).toBe(true);
      expect(verify.ok).toBe(true);
    });

    it('names where and when, never the password', () => {
      for (const md of [en, ru]) {
        expect(md).toContain(`\`${connection.database}\``);
        expect(md).toContain(`\`${connection.server}\``);
        expect(md).toContain(connection.serverVersion);
        expect(md).toContain('`public.mikro_orm_migrations`');
        expect(md).toContain(`${startedAt.slice(0, 10)} ${startedAt.slice(11, 19)} UTC`);
        expect(md).not.toContain(secret);
      }
    });

    it('the problem: counts, every missing table by name, a row per migration, the hand-made column', () => {
      const problem = section(en, 'Problem');
      const c = detected.report.counts;
      expect(problem).toContain(`records ${c.recorded} of ${c.migrations} migration files`);
      expect(problem).toContain(`| recorded, but none of their objects exist | ${c.recordedButMissing} |`);
      const missing = detected.report.missing.filter((o) => o.kind === 'table').map((o) => o.name);
      expect(missing).toEqual(expect.arrayContaining(['tasks', 'users', 'workflow_events']));
      expect(problem).toContain(`do not exist (${missing.length}):`);
      for (const table of missing) expect(problem).toContain(`\`${table}\``);
      // The seed postmortem's headline: of 33 tables only two existed.
      expect(problem).toContain(`Of the ${missing.length + 2} tables the migrations create, 2 exist: \`agents\`, \`tools\`.`);
      expect(en.split('\n').find((l) => l.startsWith('**Summary.**'))).toContain(`Of the ${missing.length + 2} tables the migrations create, 2 exist: \`agents\`, \`tools\`.`);
      for (const m of detected.report.migrations) expect(problem).toContain(`| \`${m.name}\``);
      expect(problem).toMatch(/\| `009_add_agents` \| yes \| partial \| 2 \| column `agents.model_id`/);
      expect(problem).toMatch(/\| `010_add_tools` \| yes \| all \| 0 \| — \|/);
      expect(problem).toMatch(/\| `020_add_workflow_events` \| no \| none \| \d+ \| `workflow_events` \|/);
      expect(problem).toContain('(non-transactional)');
      expect(problem).toContain('- column `agents.model_name`');
    });

    it('the causes: every hypothesis with its confidence and evidence, agents among them, and the verdict', () => {
      const causes = section(en, 'Causes considered');
      const { diagnosis } = detected;
      for (const h of diagnosis.hypotheses.filter((x) => x.id !== 'unknown')) {
        expect(causes).toContain(`${STRINGS.en.causeTitle[h.id]} — ${Math.round(h.confidence * 100)}%`);
        for (const e of h.evidence) expect(causes).toContain(`**${e.weight > 0 ? '+' : '−'}${Math.abs(e.weight)}** ${e.detail}`);
      }
      expect(causes).toMatch(/table agents differs from the migration[^\n]*\n {2}- objects: `agents`/);
      const top = diagnosis.hypotheses[0]!;
      expect(top.id).toBe(diagnosis.verdict);
      expect(causes).toContain(`**Verdict:** ${STRINGS.en.causeTitle[top.id]} (\`${top.id}\`, ${Math.round(top.confidence * 100)}%).`);
      expect(causes).toContain(diagnosis.repairHint);
    });

    it('the decision and the exact SQL that ran, in order, committed', () => {
      expect(section(en, 'Decision')).toContain('**Chosen:** Create what is missing from the entity models, then sync the ledger (`create-all`).');
      expect(section(en, 'Decision')).toContain('This is the strategy the diagnosis recommends.');
      const sql = section(en, 'SQL');
      expect(sql).toContain(`**Run and committed**: ${plan.steps.length} statements`);
      let at = sql.indexOf('```sql\nbegin;');
      expect(at).toBeGreaterThan(0);
      for (const [i, step] of plan.steps.entries()) {
        const next = sql.indexOf(`-- ${i + 1}. `, at);
        expect(next, `step ${i + 1}`).toBeGreaterThan(at);
        expect(sql.slice(next).split('\n')[1]).toBe(step.sql);
        at = next;
      }
      expect(sql).toContain('create table "users"');
      expect(sql).toContain(`values ('020_add_workflow_events', now());`);
      expect(sql).toMatch(/\ncommit;\n```/);
      expect(sql).not.toMatch(/\(not run\)|FAILED/);
      expect(sql).toContain(`**Journal:** \`${result.journalPath}\``);
      expect(sql).toContain(`npx drift-doctor undo ${result.journalPath} --dry-run`);
    });

    it('the verification and recommendations chosen by cause', () => {
      const v = section(en, 'Verification');
      expect(v).toContain('**In sync:**');
      expect(v).toContain(`| recorded in the ledger | ${verify.before.recorded} | ${verify.after.recorded} |`);
      const r = section(en, 'Recommendations');
      expect(r).toContain('`npx drift-doctor repair --strategy sync-ledger`'); // stamped by hand
      expect(r).toContain('(here: `agents`)'); // made by hand
      expect(r).toContain('`npx mikro-orm migration:up`');
      expect(r).toContain('`npx drift-doctor check` in CI');
      expect(r).toContain('relation already exists');
    });

    it('in Russian: the same structure, Russian headings, no English heading leaking, SQL untouched', () => {
      const ruHeadings = headings(ru);
      expect(ruHeadings.filter((h) => h.startsWith('## '))).toEqual(['## Проблема', '## Причина (гипотезы)', '## Решение', '## SQL-запросы', '## Проверка', '## Рекомендации']);
      expect(ruHeadings.length).toBe(headings(en).length);
      for (const h of ruHeadings) expect(h, h).toMatch(/[а-яё]/i);
      const english = [...Object.values(STRINGS.en.heading), ...Object.values(STRINGS.en.causeTitle)];
      for (const h of ruHeadings) {
        const text = h.replace(/^#+ (\d+\. )?/, '').replace(/ — \d+%$/, '').replace(connection.database, '');
        expect(english, h).not.toContain(text);
        // Latin words in a Russian heading are identifiers only.
        for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) expect(['SQL', 'COMMIT'], h).toContain(word);
      }
      for (const phrase of ['**Verdict:**', '**Summary.**', 'What this means', 'Run and committed', 'Recommendations', 'objects:']) expect(ru).not.toContain(phrase);

      expect(ru).toContain(`Из ${detected.report.missing.filter((o) => o.kind === 'table').length + 2} таблиц, которые создают миграции, в базе есть только 2: \`agents\`, \`tools\`.`);
      expect(ru).toContain('**Вывод:** журнал обновили вручную, миграции не применялись (`stamped-without-running`');
      expect(ru).toContain('Таблица `agents` отличается от той, что должна была создать миграция');
      expect(ru).toContain('дословно: «table agents differs from the migration');
      expect(ru).toContain('**Выполнено и зафиксировано**');
      expect(ru).toContain('**Расхождений нет:**');
      for (const table of detected.report.missing.filter((o) => o.kind === 'table')) expect(ru).toContain(`\`${table.name}\``);
      for (const step of plan.steps) expect(ru).toContain(`\n${step.sql}\n`);
    });

    it('a check only (no plan): the recommended dry run, no SQL, nothing verified', () => {
      const record: IncidentRecord = { connection, detected, startedAt, finishedAt: startedAt };
      const md = renderIncidentReport(record, 'en');
      expect(md).toContain('- **Run:** check (read-only');
      expect(section(md, 'Decision')).toContain('No repair was chosen: this was a read-only check');
      expect(section(md, 'Decision')).toContain('`npx drift-doctor repair --strategy create-all --dry-run`');
      expect(section(md, 'SQL')).toContain('No SQL was run.');
      expect(md).not.toContain('```sql');
      expect(section(md, 'Verification')).toContain('nothing to verify');
      expect(section(md, 'Causes considered')).toContain('**Verdict:**');
      const ruMd = renderIncidentReport(record, 'ru');
      expect(ruMd).toContain('Способ ремонта не выбирался');
      expect(ruMd).toContain('SQL не выполнялся.');
    });

    it('a dry run says plainly that nothing ran', () => {
      const md = renderIncidentReport({ connection, detected, plan, startedAt, finishedAt: startedAt }, 'en');
      expect(section(md, 'SQL')).toContain('**Planned, not run** (dry run)');
      expect(section(md, 'SQL')).toContain(plan.steps.at(-1)!.sql);
      expect(section(md, 'Verification')).toContain('Not verified: this was a dry run');
      expect(renderIncidentReport({ connection, detected, plan, startedAt, finishedAt: startedAt }, 'ru')).toContain('**Запланировано, но не выполнялось**');
    });

    it('a rehearsal says it was rolled back and that the database is unchanged', () => {
      for (const record of [
        { connection, detected, plan, result: rehearsal, rehearsal: true, startedAt, finishedAt: startedAt },
        // As the wizard hands it over: the rehearsal's own result, no real apply.
        { connection, detected, plan, rehearsal, startedAt, finishedAt: startedAt },
      ] satisfies IncidentRecord[]) {
        const md = renderIncidentReport(record, 'en');
        expect(md).toContain('- **Run:** repair `create-all`, rehearsal');
        expect(section(md, 'SQL')).toContain(`**Rehearsed, then rolled back**: ${rehearsal.stepsRun} statements`);
        expect(section(md, 'SQL')).toMatch(/\nrollback;\n```/);
        expect(section(md, 'Verification')).toContain('The database itself is unchanged and still drifted.');
        expect(section(md, 'Recommendations')).not.toContain('Drift is left');
      }
      const applied = renderIncidentReport({ connection, detected, plan, result, rehearsal, verify, startedAt, finishedAt: startedAt }, 'en');
      expect(section(applied, 'SQL')).toContain('Before it was applied, the same plan was rehearsed');
      expect(section(applied, 'SQL')).toContain('**Run and committed**');
    });

    it('a failed apply names the failing step, marks the steps that never ran, and rolls back', () => {
      const at = plan.steps.findIndex((s) => /^create table "users"/.test(s.sql));
      const md = renderIncidentReport({ connection, detected, plan, result: failed, startedAt, finishedAt: startedAt }, 'en');
      const sql = section(md, 'SQL');
      expect(sql).toContain(`**Failed at step ${at + 1} of ${plan.steps.length} and rolled back**`);
      expect(sql).toContain(`-- ${at + 1}. the models define table users; the database lacks it — ✗ FAILED here\n${plan.steps[at]!.sql}`);
      expect(sql).toContain(`-- ${at + 2}. `);
      expect(sql.split('\n').find((l) => l.startsWith(`-- ${at + 2}. `))).toMatch(/\(not run\)$/);
      expect(sql.split('\n').find((l) => l.startsWith(`-- ${at}. `))).not.toMatch(/\(not run\)|FAILED/);
      expect(sql).toMatch(/\nrollback;\n```/);
      expect(section(md, 'Verification')).toContain('Not verified: the repair stopped before its verification.');
      expect(md).toContain('did not end in sync');
    });

    it('a run stopped by an error (no result) shows the plan as planned and the error with its way out', () => {
      const error = { message: 'another repair holds the drift-doctor lock on this database: pid 4242', hint: 'wait for it to finish, then run check again' };
      const md = renderIncidentReport({ connection, detected, plan, error, startedAt, finishedAt: startedAt }, 'en');
      expect(md).toContain('- **Run:** repair `create-all`, stopped by an error');
      expect(section(md, 'Decision')).toContain(`**The run stopped with an error:**\n\n> ${error.message}  \n> ${error.hint}`);
      expect(section(md, 'SQL')).toContain('**Not completed**');
      expect(section(md, 'Verification')).toContain('Not verified: the repair stopped before its verification.');
      expect(renderIncidentReport({ connection, detected, plan, error, startedAt, finishedAt: startedAt }, 'ru')).toContain('**Не завершено**');
    });

    it('the database in sync after the repair: a short report that says so', () => {
      expect(afterRepair.report.inSync).toBe(true);
      for (const lang of ['en', 'ru'] as const) {
        const md = renderIncidentReport({ connection, detected: afterRepair, startedAt, finishedAt: startedAt }, lang);
        expect(md).toContain(STRINGS[lang].inSync);
        expect(md).toContain(STRINGS[lang].verdictInSync);
        expect(md).toContain(STRINGS[lang].nothingToRepair);
        expect(md).not.toContain('```sql');
        expect(md).toMatch(/\n1\. [^\n]*`npx drift-doctor check`[^\n]*\n$/);
      }
    });

    it('an unknown verdict (the engine\'s S01 values with the verdict withheld) recommends nothing and says why', () => {
      const { diagnosis } = detected;
      const [first, second] = diagnosis.hypotheses;
      const unknown: DetectOutcome = {
        report: detected.report,
        diagnosis: { ...diagnosis, verdict: 'unknown', recommended: null, repairHint: 'Choose the repair yourself: the evidence does not single out one cause.' },
      };
      const md = renderIncidentReport({ connection, detected: unknown, startedAt, finishedAt: startedAt }, 'en');
      expect(md).toContain(`**Verdict:** unknown — not enough evidence to single out one cause (closest: ${STRINGS.en.causeTitle[first!.id]} (${Math.round(first!.confidence * 100)}%) and ${STRINGS.en.causeTitle[second!.id]}`);
      expect(section(md, 'Decision')).toContain('the evidence does not single out a cause');
      expect(section(md, 'Recommendations')).toContain('`log_statement = \'ddl\'`');
      expect(renderIncidentReport({ connection, detected: unknown, startedAt, finishedAt: startedAt }, 'ru')).toContain('**Вывод:** причина неизвестна — доказательств недостаточно');
    });
  });

  it('S04 failed-midway, rerun planned: the step after COMMIT is shown apart, and the cause\'s lesson', async () => {
    const db = await scenarios.build('failed-midway');
    const engine = new DriftEngine({ url: db.url, journalDir: JOURNALS });
    engines.push(engine);
    const connection = await engine.connect();
    const detected = await engine.detect();
    const plan = await engine.plan('rerun', detected);
    const after = plan.steps.filter((s) => s.outsideTransaction);
    expect(after.length).toBeGreaterThan(0);
    const now = new Date().toISOString();
    const md = renderIncidentReport({ connection, detected, plan, startedAt: now, finishedAt: now }, 'en');
    const sql = section(md, 'SQL');
    const afterCommit = sql.slice(sql.indexOf('### After COMMIT'));
    expect(afterCommit).toContain('cannot run inside a transaction (`CONCURRENTLY`)');
    for (const s of after) expect(afterCommit).toContain(`-- ${plan.steps.indexOf(s) + 1}. `);
    expect(afterCommit).toContain('reindex index concurrently "request_logs_path_created_at_index";');
    expect(sql.slice(0, sql.indexOf('### After COMMIT'))).not.toContain('concurrently');
    expect(section(md, 'Problem')).toContain('- `request_logs_path_created_at_index`');
    expect(section(md, 'Recommendations')).toContain('Keep migrations transactional');
    expect(section(md, 'Recommendations')).toContain('(here: `request_logs_path_created_at_index`)');
    const ru = renderIncidentReport({ connection, detected, plan, startedAt: now, finishedAt: now }, 'ru');
    expect(ru).toContain('### После COMMIT');
    expect(ru).toContain('Индекс `request_logs_path_created_at_index` невалиден');
  });

  it('S08 db-ahead-of-code: a refused diagnosis and a refused plan render sensibly', async () => {
    const db = await scenarios.build('db-ahead-of-code');
    const engine = new DriftEngine({ url: db.url, journalDir: JOURNALS });
    engines.push(engine);
    const connection = await engine.connect();
    const detected = await engine.detect();
    expect(detected.diagnosis.refusal).toBeTruthy();
    const plan = await engine.plan('create-all', detected);
    expect(plan.applicable).toBe(false);
    const now = new Date().toISOString();

    const check = renderIncidentReport({ connection, detected, startedAt: now, finishedAt: now }, 'en');
    expect(section(check, 'Problem')).toMatch(/\| `021_add_billing` \(no file in this checkout\) \| yes \| — \|/);
    expect(section(check, 'Problem')).toContain('- table `billing_accounts`');
    expect(section(check, 'Causes considered')).toContain('**Verdict:** Database is ahead of this code (`db-ahead-of-code`');
    expect(section(check, 'Causes considered')).toContain(`**Repairs refused** until the operator acts:\n\n> ${detected.diagnosis.refusal}`);
    expect(section(check, 'Decision')).toContain('repairs are refused until the operator acts');
    expect(section(check, 'Recommendations')).toContain('(here: `021_add_billing`)');
    expect(section(check, 'Recommendations')).not.toContain('sync-ledger');

    const refused = renderIncidentReport({ connection, detected, plan, startedAt: now, finishedAt: now }, 'en');
    expect(refused).toContain('- **Run:** repair `create-all`, refused (nothing run)');
    expect(section(refused, 'Decision')).toContain(`**The plan was refused**, so nothing ran:\n\n> ${plan.refusal}`);
    expect(section(refused, 'SQL')).toContain('No SQL was run.');
    expect(section(refused, 'Verification')).toContain('the repair was refused');

    const ru = renderIncidentReport({ connection, detected, plan, startedAt: now, finishedAt: now }, 'ru');
    expect(ru).toContain('**План отклонён**');
    expect(ru).toContain('В журнале записаны миграции, файлов которых в этой версии кода нет: `021_add_billing`.');
    for (const h of headings(ru)) expect(h).toMatch(/[а-яё]/i);
  });
});
