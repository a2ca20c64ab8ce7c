import { checkExhaustive, type CauseId, type Evidence, type PlanStep } from '../core/types.js';
import type { EvidenceKind, ReportStrings, SqlStatus } from './i18n.js';

/** `1 миграция`, `3 миграции`, `5 миграций`. */
function n(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  const word = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${count} ${word}`;
}
const migrations = (c: number) => n(c, 'миграция', 'миграции', 'миграций');
const migrationsGen = (c: number) => n(c, 'миграции', 'миграций', 'миграций');
const statements = (c: number) => n(c, 'оператор', 'оператора', 'операторов');
const steps = (c: number) => n(c, 'шаг', 'шага', 'шагов');
const code = (s: string) => `\`${s}\``;
const codes = (items: string[]) => items.map(code).join(', ');
/** `001_a`, `002_b`, `003_c` or `001_a` … `019_z` (19). */
const range = (names: string[]) => (names.length <= 3 ? codes(names) : `${code(names[0]!)} … ${code(names[names.length - 1]!)} (${names.length})`);
const first = (e: Evidence) => code(e.objects[0] ?? '?');
const second = (e: Evidence) => code(e.objects[1] ?? '?');

/** Each evidence kind as a Russian engineer would state the fact; the engine's sentence is quoted next to it. */
const EVIDENCE: Record<EvidenceKind, (e: Evidence) => string> = {
  'ledger-name-mismatch': (e) => `Строки журнала называют миграции иначе, чем файлы (${range(e.objects)}): имена совпадают только после нормализации (суффикс \`.js\`/\`.ts\`, регистр).`,
  'ledger-row-without-file': (e) => `В журнале записаны миграции, файлов которых в этой версии кода нет: ${codes(e.objects)}. База данных опережает код.`,
  'table-with-orphan-row': (e) => `Таблица ${first(e)} создана в той же транзакции, что записала в журнал ${second(e)}, — миграцию, которой в этой версии кода нет.`,
  'ledger-elsewhere': (e) => `Там, где drift-doctor искал журнал, его нет, зато ${codes(e.objects)} очень на него похожа.`,
  'tables-elsewhere': (e) => `Таблицы миграций лежат в схеме ${first(e)}, а не в той, куда смотрит drift-doctor: похоже, указана не та схема (\`--schema\`).`,
  'no-ledger': (e) => `Таблицы журнала ${first(e)} нет (и ничего похожего на неё тоже), хотя объекты миграций в схеме есть.`,
  'batch-made-nothing': (e) => `Строки журнала для ${range(e.objects)} записаны одним запуском, и ни одна из этих миграций не оставила в схеме ни одного объекта.`,
  'batch-made-little': (e) => `Строки журнала для ${range(e.objects)} записаны одним запуском, но объекты в схеме есть меньше чем у трети этих миграций.`,
  'batch-made-objects': () => 'Строки журнала записаны одним запуском, и у большинства этих миграций объекты в схеме есть — так выглядит настоящий запуск мигратора.',
  'one-transaction-many-instants': () => 'Одна транзакция записала строки журнала с разными значениями `executed_at`: так выглядит массовое копирование (восстановление из дампа), а не запуски мигратора.',
  'non-transactional-in-batch': (e) => `Нетранзакционная миграция ${first(e)} записана в журнал одной транзакцией с более ранними строками. Мигратор MikroORM так сделать не может: строки записал не он (по крайней мере, не в этой базе).`,
  'several-runs': () => 'Журнал записан несколькими отдельными запусками — как при обычной истории развёртываний.',
  'executed-before-database': (e) => `${n(e.objects.length, 'строка журнала датирована', 'строки журнала датированы', 'строк журнала датированы')} временем раньше создания самой базы данных: они пришли из другой базы.`,
  'executed-after-database': () => 'Все строки журнала новее самой базы данных: их записали здесь, а не восстановили из дампа.',
  'database-age-unknown': () => 'Время создания базы данных неизвестно: этой роли нельзя вызывать `pg_stat_file`. Это пробел в доказательствах, а не довод.',
  'executed-at-out-of-order': () => 'Значения `executed_at` идут в обратном порядке относительно файлов: мигратор применяет файлы строго по порядку, а журнал, правленный вручную, — не обязательно.',
  'executed-at-future': (e) => `${n(e.objects.length, 'строка журнала датирована', 'строки журнала датированы', 'строк журнала датированы')} будущим временем: их записали вручную.`,
  'executed-at-spread': () => 'Строки журнала записаны несколькими транзакциями на протяжении нескольких дней — это настоящая история запусков.',
  'duplicate-rows': (e) => `${codes(e.objects)} ${e.objects.length === 1 ? 'записана' : 'записаны'} в журнал больше одного раза; мигратор никогда так не делает.`,
  'leftover-enum': (e) => `Enum-тип ${first(e)}, созданный миграцией ${second(e)}, всё ещё существует, хотя ни один столбец его не использует: его таблицы удалили.`,
  'leftover-sequence': (e) => `Последовательность ${first(e)}, созданная миграцией ${second(e)}, уцелела, хотя её не использует ни один столбец.`,
  'no-leftovers': () => 'От пропавших миграций не осталось ни enum-типов, ни последовательностей (а `DROP TABLE` их обычно не удаляет).',
  'statement-partial': (e) => `Миграция ${first(e)} выполнилась частично: одни её операторы сработали, другие — нет.`,
  'replay-fails': (e) => `Недостающая часть миграции ${first(e)}, воспроизведённая на копии реальной схемы, падает с ошибкой PostgreSQL (текст ошибки — в цитате ниже).`,
  'replay-succeeds': (e) => `Недостающая часть миграции ${first(e)} без ошибок применяется к копии реальной схемы: запуск прервали, а не сломали.`,
  'invalid-index': (e) => `Индекс ${first(e)} невалиден (\`indisvalid = false\`): \`CREATE INDEX CONCURRENTLY\` завершился ошибкой.`,
  'pending-but-present': (e) => `Миграция ${first(e)} в журнал не записана, но ${e.objects.length > 1 ? `её таблицы (${codes(e.objects.slice(1))}) уже есть` : 'её объекты уже есть'}: их создали в обход мигратора.`,
  'definition-differs': (e) => `Таблица ${first(e)} отличается от той, что должна была создать миграция: её создали вручную.`,
  'table-without-migration': (e) => `Таблица ${first(e)} существует, но ни один файл миграции её не создаёт.`,
  'ledger-frozen': () => 'Строки журнала заморожены (`VACUUM FREEZE`): узнать, какая транзакция их записала, уже нельзя.',
};

const isKnownKind = (kind: string): kind is EvidenceKind => Object.hasOwn(EVIDENCE, kind);

const HINT: Record<CauseId, string> = {
  'in-sync': 'Ремонтировать нечего.',
  'dropped-after-apply': 'Заново выполнить потерянные миграции; уцелевшие типы и последовательности используются повторно, а не создаются заново.',
  'stamped-without-running': 'Схему так и не построили: её нужно создать (по моделям или повторным запуском миграций), и тогда журнал совпадёт со схемой.',
  'failed-midway': 'Достроить недостающие части упавшей миграции и перестроить невалидные индексы.',
  'recreated-without-migrations': 'Восстановленный журнал описывает другую базу: миграции нужно заново выполнить здесь.',
  'out-of-band-objects': 'Таблицы, созданные вручную, сохраняются; недостающее добавляется, журнал приводится в соответствие.',
  'ledger-name-mismatch': 'Ошибка только в журнале: нужно нормализовать имена; повторный запуск чего-либо был бы ошибкой.',
  'ledger-elsewhere': 'Прежде чем что-то чинить, подтвердите, какой журнал настоящий (`--schema` / `--ledger-schema` / `--ledger-table`).',
  'db-ahead-of-code': 'Возьмите версию кода, в которой есть эти миграции: ремонт из более старой версии переписал бы историю.',
  'schema-without-ledger': 'Записать в журнал ровно те миграции, чьи объекты есть в схеме, — проверенно, а не вслепую.',
  unknown: 'Выберите способ ремонта сами: доказательства не указывают на одну причину.',
};

function sqlStatus(s: SqlStatus): string {
  switch (s.kind) {
    case 'planned':
      return '**Запланировано, но не выполнялось** (пробный прогон, `--dry-run`): ни один из запросов ниже в базе не выполнен.';
    case 'stopped':
      return '**Не завершено**: запуск остановился с ошибкой (см. «Решение»). План показан в том виде, в каком был составлен; транзакция, не дошедшая до COMMIT, ничего не сохраняет.';
    case 'rehearsed':
      return s.ok
        ? `**Репетиция с откатом**: ${statements(s.stepsRun)} выполнено в одной транзакции за ${s.duration}, проверка прошла, затем \`ROLLBACK\` — ничего не сохранено.${s.afterCommit === 1 ? ' Шаг после COMMIT в репетиции не выполнялся.' : s.afterCommit ? ` ${steps(s.afterCommit)} после COMMIT в репетиции не выполнялись.` : ''}`
        : `**Репетиция с откатом — на этой базе план НЕ работает**: до остановки выполнено ${statements(s.stepsRun)}; ничего не сохранено.`;
    case 'committed':
      return `**Выполнено и зафиксировано**: ${statements(s.stepsRun)} за ${s.duration} в одной транзакции, проверенной до COMMIT${s.afterCommit ? `, затем ${steps(s.afterCommit)} после COMMIT` : ''}.`;
    case 'rolled-back':
      return s.failedAt
        ? `**Ошибка на шаге ${s.failedAt} из ${s.total}, транзакция откачена**: шаги до него выполнились внутри транзакции и были отменены; ничего не сохранено.`
        : '**Все шаги выполнены, но проверка перед COMMIT не прошла — транзакция откачена**; ничего не сохранено.';
    case 'phase-failed':
      return `**Транзакция зафиксирована, но этап после COMMIT остановился**${s.failedAt ? ` на шаге ${s.failedAt}` : ''}: зафиксированная часть остаётся; шаги после COMMIT идемпотентны, поэтому повторный запуск того же ремонта продолжит с места остановки.`;
    default:
      return checkExhaustive(s);
  }
}

/** `type task_status` → `тип task_status`: the engine names a few objects with an English kind word. */
function objectRu(object: string): string {
  return object.replace(/^type /, 'тип ').replace(/^sequence /, 'последовательность ').replace(/^index /, 'индекс ');
}

function stepComment(step: PlanStep): string {
  switch (step.kind) {
    case 'ddl':
      return step.object ? `изменение схемы: ${objectRu(step.object)}` : 'изменение схемы';
    case 'migration-statement':
      return `оператор миграции ${step.migration}`;
    case 'ledger-record':
      return `журнал: записать ${step.migration}`;
    case 'ledger-unrecord':
      return `журнал: удалить запись ${step.migration} (её объектов нет или они неполные)`;
    case 'ledger-rename':
      return `журнал: переименовать ${step.from} → ${step.migration}`;
    default:
      return checkExhaustive(step);
  }
}

export const ru: ReportStrings = {
  title: (database) => `Отчёт об инциденте: журнал миграций расходится со схемой — ${database}`,
  field: {
    database: 'База данных', server: 'Сервер', role: 'Роль', schema: 'Схема', ledger: 'Журнал миграций',
    started: 'Начало', finished: 'Окончание', run: 'Запуск', tool: 'Инструмент',
  },
  ledgerAbsent: '(таблицы нет)',
  duration: (text) => `(заняло ${text})`,
  seconds: (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1).replace('.', ',')} с` : `${ms} мс`),
  runKind: (kind, strategy) => {
    const s = strategy ? code(strategy) : '';
    switch (kind) {
      case 'check': return 'проверка (`check`: только чтение и диагностика, ничего не изменено)';
      case 'dry-run': return `ремонт ${s}, пробный прогон (план составлен, ничего не выполнено)`;
      case 'rehearsal': return `ремонт ${s}, репетиция (выполнен в транзакции и откачен)`;
      case 'applied': return `ремонт ${s}, применён`;
      case 'refused': return `ремонт ${s} отклонён (ничего не выполнено)`;
      case 'stopped': return `ремонт ${s} остановлен ошибкой`;
      default: return checkExhaustive(kind);
    }
  },
  summaryLabel: 'Кратко.',
  outcome: (kind, strategy, verified) => {
    const s = strategy ? code(strategy) : '';
    switch (kind) {
      case 'check': return 'Ремонт не выполнялся: это была проверка только на чтение.';
      case 'dry-run': return `Ремонт ${s} только спланирован (пробный прогон); ничего не выполнено.`;
      case 'refused': return `Ремонт ${s} отклонён; ничего не выполнено.`;
      case 'rehearsal': return verified ? `Ремонт ${s} отрепетирован и откачен: на этой базе план работает, сама база не изменилась.` : `Ремонт ${s} отрепетирован и откачен: в нынешнем виде на этой базе план не работает.`;
      case 'applied': return verified ? `Ремонт ${s} зафиксирован и проверен: журнал и схема совпадают.` : `После ремонта ${s} расхождения остались; см. раздел «Проверка».`;
      case 'stopped': return `Ремонт ${s} остановился с ошибкой, не завершившись; см. раздел «Решение».`;
      default: return checkExhaustive(kind);
    }
  },

  heading: {
    problem: 'Проблема', causes: 'Причина (гипотезы)', decision: 'Решение', sql: 'SQL-запросы', verification: 'Проверка',
    recommendations: 'Рекомендации', perMigration: 'По миграциям', counts: 'В цифрах', extra: 'Объекты, которых не создаёт ни одна миграция',
    afterCommit: 'После COMMIT', needsHuman: 'Требует решения человека', conflicts: 'Предвиденные конфликты', notes: 'Примечания',
    gaps: 'Пробелы в доказательствах', checks: 'Проверки',
  },

  inSync: 'Расхождений нет: журнал миграций, файлы миграций, схема и модели сущностей согласованы.',
  ledgerSays: (ledger, recorded, files) => `Журнал миграций ${code(ledger)} считает применёнными ${recorded} из ${migrationsGen(files)}.`,
  driftSummary: (c) => {
    const parts = [
      c.recordedButMissing ? `у ${migrationsGen(c.recordedButMissing)}, ${c.recordedButMissing % 10 === 1 && c.recordedButMissing % 100 !== 11 ? 'записанной' : 'записанных'} в журнал, в схеме нет ни одного объекта` : '',
      c.recordedPartial ? `${c.recordedPartial === 1 ? 'ещё у 1 записанной миграции' : `ещё у ${c.recordedPartial} записанных миграций`} объекты есть лишь частично` : '',
      c.pendingButPresent ? `у ${migrationsGen(c.pendingButPresent)}, ${c.pendingButPresent % 10 === 1 && c.pendingButPresent % 100 !== 11 ? 'не записанной' : 'не записанных'} в журнал, объекты уже есть` : '',
      c.ledgerWithoutFile ? `${n(c.ledgerWithoutFile, 'строка журнала ссылается', 'строки журнала ссылаются', 'строк журнала ссылаются')} на миграции, файлов которых здесь нет` : '',
    ].filter(Boolean);
    const pending = c.pending ? ` Не записаны в журнал (ожидают применения): ${migrations(c.pending)}.` : '';
    return parts.length ? `При этом ${parts.join('; ')}.${pending}` : `Объекты всех записанных миграций на месте.${pending}`;
  },
  noLedger: (ledger) => `Таблицы журнала ${code(ledger)} нет.`,
  missingTables: (count) => `Таблицы, которые создают миграции, но которых нет в базе (${count}):`,
  tablesExist: (present, total, names) =>
    present === 0
      ? `Ни одной из ${n(total, 'таблицы', 'таблиц', 'таблиц')}, которые создают миграции, в базе нет.`
      : present === total
        ? `Все ${n(total, 'таблица', 'таблицы', 'таблиц')}, которые создают миграции, в базе есть${names ? `: ${codes(names)}` : ''}.`
        : `Из ${n(total, 'таблицы', 'таблиц', 'таблиц')}, которые создают миграции, в базе есть только ${present}${names ? `: ${codes(names)}` : ''}.`,
  countLabel: {
    migrations: 'файлов миграций', recorded: 'записано в журнал', recordedButMissing: 'записано, но ни одного объекта нет',
    recordedPartial: 'записано, но объекты есть лишь частично', pendingButPresent: 'не записано, но объекты есть', pending: 'не записано (ожидают применения)',
    ledgerWithoutFile: 'строк журнала без файла миграции',
  },
  countColumn: { what: 'Что', value: 'Сколько', before: 'До', after: 'После' },
  checkColumn: { check: 'Проверка', result: 'Результат' },
  migrationColumns: { name: 'Миграция', recorded: 'В журнале', present: 'Объекты в схеме', missing: 'Нет объектов', whatIsMissing: 'Чего не хватает' },
  yes: 'да',
  no: 'нет',
  presence: { all: 'все', partial: 'частично', none: 'нет', empty: '— (объектов не создаёт)' },
  noFile: 'файла нет в этой версии кода',
  nonTransactional: 'нетранзакционная',
  differs: (count) => `${n(count, 'объект отличается', 'объекта отличаются', 'объектов отличаются')}`,
  andMore: (count) => `и ещё ${count}`,
  alteredObject: 'изменение:',
  modelDifference: (line, code) => {
    // The engine says `table: missing column a, b; extra column c`; anything else is quoted as it is.
    const m = /^([^:]+): (.+)$/.exec(line);
    if (!m) return code(line);
    const parts = m[2]!.split('; ').map((part) => {
      const p = /^(missing|extra) column (.+)$/.exec(part);
      if (!p) return code(part);
      const names = p[2]!.split(', ').map(code).join(', ');
      const many = p[2]!.includes(', ');
      return p[1] === 'missing' ? `${many ? 'нет столбцов' : 'нет столбца'} ${names}` : `${many ? 'лишние столбцы' : 'лишний столбец'} ${names}`;
    });
    return `${code(m[1]!)}: ${parts.join('; ')}`;
  },
  objectKind: { table: 'таблица', column: 'столбец', index: 'индекс', 'foreign-key': 'внешний ключ', enum: 'enum-тип', sequence: 'последовательность' },
  extraIntro: 'Эти объекты есть в схеме, но ни один файл миграции их не создаёт (сделаны вручную или другим инструментом):',
  invalidIndexes: 'Невалидные индексы (`indisvalid = false`, остаются после упавшего `CREATE INDEX CONCURRENTLY`):',
  modelDifferences: 'Таблицы, которые отличаются от моделей сущностей:',
  objectDifferences: 'Объекты, определение которых отличается от миграции:',

  causesIntro: 'drift-doctor оценил каждую причину по следам, которые хранит сам PostgreSQL: какая транзакция записала каждую строку журнала, что остаётся после `DROP TABLE`, невалидные индексы, возраст базы. Положительный вес говорит в пользу причины, отрицательный — против. Рядом с каждым доводом приведена дословная формулировка drift-doctor.',
  nothingToExplain: 'Объяснять нечего: расхождений нет.',
  causeTitle: {
    'in-sync': 'Журнал и схема совпадают',
    'dropped-after-apply': 'Миграции были применены, но потом таблицы удалили',
    'stamped-without-running': 'Журнал обновили вручную, миграции не применялись',
    'failed-midway': 'Миграции применились с ошибками, которые проигнорировали',
    'recreated-without-migrations': 'Базу пересоздали или восстановили, а миграции заново не применили',
    'out-of-band-objects': 'Объекты созданы в обход миграций',
    'ledger-name-mismatch': 'Имена в журнале не совпадают с файлами миграций',
    'ledger-elsewhere': 'Журнал лежит в другой схеме или таблице',
    'db-ahead-of-code': 'База данных опережает этот код',
    'schema-without-ledger': 'Схема есть, а журнала нет',
    unknown: 'Доказательств недостаточно',
  },
  causeSummary: (id) => ({
    'in-sync': 'Журнал, файлы миграций и схема согласованы.',
    'dropped-after-apply': 'Миграции действительно выполнялись, но часть их таблиц потом удалили.',
    'stamped-without-running': 'Строки журнала записали вручную (или каким-то инструментом), а сами миграции не запускались.',
    'failed-midway': 'Миграция выполнилась лишь частично: ошибки проигнорировали, или упали нетранзакционные операторы.',
    'recreated-without-migrations': 'Базу пересоздали или восстановили: журнал вернулся, а схема — нет.',
    'out-of-band-objects': 'В базе есть объекты, которых не создавала ни одна записанная миграция: их сделали вручную или другим инструментом.',
    'ledger-name-mismatch': 'Строки журнала называют миграции не так, как называются файлы.',
    'ledger-elsewhere': 'Настоящий журнал лежит в другой схеме или под другим именем таблицы.',
    'db-ahead-of-code': 'В журнале есть миграции, которых нет в этой версии кода: код старше базы.',
    'schema-without-ledger': 'Схему построили, не записав в журнал ни одной миграции.',
    unknown: 'Собранные доказательства не позволяют выбрать одну причину.',
  })[id],
  noEvidence: 'Доводов нет.',
  evidenceText: (e) => (isKnownKind(e.kind) ? EVIDENCE[e.kind](e) : `Довод \`${e.kind}\` (описание — в цитате ниже).`),
  verbatim: 'дословно',
  objects: 'объекты',
  weight: 'вес',
  verdict: (title, id, percent) => `**Вывод:** ${title.charAt(0).toLowerCase()}${title.slice(1)} (${code(id)}, ${percent}%).`,
  verdictInSync: '**Вывод:** расхождений нет — ремонтировать нечего.',
  verdictUnknown: (closest) => `**Вывод:** причина неизвестна — доказательств недостаточно, чтобы выбрать одну${closest.length ? ` (ближе всего: ${closest.join(' и ')})` : ''}. Способ ремонта не рекомендуется: выбирает оператор.`,
  refused: '**Ремонт отклонён**, пока оператор не примет решение. Формулировка drift-doctor:',
  repairMeans: '**Что это значит для ремонта:**',
  repairHint: (verdict, _engineHint, partlyPresent) =>
    verdict === 'schema-without-ledger' && partlyPresent.length
      ? `${codes(partlyPresent)} ${partlyPresent.length === 1 ? 'присутствует' : 'присутствуют'} лишь частично: сначала нужно создать недостающее, затем записать в журнал все миграции (одна только запись в журнал оставила бы ${code(partlyPresent[0]!)} ожидающей поверх уже существующих таблиц).`
      : HINT[verdict],

  strategyTitle: {
    'create-all': 'Создать недостающее по моделям сущностей, затем привести журнал в соответствие',
    rerun: 'Заново выполнить миграции, чьих объектов нет',
    'sync-ledger': 'Только привести журнал в соответствие (схему не трогать)',
  },
  checkOnly: 'Способ ремонта не выбирался: это была проверка только на чтение, в базе ничего не изменилось.',
  nothingToRepair: 'Ремонтировать нечего.',
  recommendedNext: (strategy, command) => `Диагностика рекомендует ${code(strategy)}. Посмотреть его SQL, ничего не выполняя: ${code(command)}.`,
  noRecommendation: (why) => ({
    refused: 'Диагностика не рекомендует ремонт: он отклонён, пока оператор не примет решение (см. «Причина»).',
    unknown: 'Диагностика не рекомендует способ ремонта: доказательства не указывают на одну причину, выбирать оператору.',
    none: 'Диагностика не рекомендует ни одного способа ремонта.',
  })[why],
  chosen: (title, strategy) => `**Выбрано:** ${title} (${code(strategy)}).`,
  chosenRecommended: 'Именно этот способ рекомендует диагностика.',
  chosenOther: (recommended) => `Диагностика рекомендовала ${code(recommended)}, но оператор выбрал другой способ.`,
  chosenWithoutRecommendation: 'Диагностика не рекомендовала ни одного способа; этот выбрал оператор.',
  planRefused: '**План отклонён**, поэтому ничего не выполнялось. Формулировка drift-doctor:',
  consequence: (p) => {
    const parts = [
      p.schema ? `${n(p.schema, 'оператор DDL', 'оператора DDL', 'операторов DDL')}, только добавляющих объекты (ничего не удаляется)` : '',
      p.migrationStatements ? `${statements(p.migrationStatements)} из ${migrationsGen(p.migrations)}, заново и по порядку` : '',
      p.unrecorded ? `удаление ${n(p.unrecorded, 'строки', 'строк', 'строк')} журнала` : '',
      p.renamed ? `переименование ${n(p.renamed, 'строки', 'строк', 'строк')} журнала` : '',
      p.recorded ? `запись в журнал ${migrationsGen(p.recorded)}` : '',
    ].filter(Boolean);
    const after = p.afterCommit ? `; ${steps(p.afterCommit)} после COMMIT` : '';
    return `**Что он делает здесь:** ${parts.length ? parts.join(', ') : 'ничего'}${after}.`;
  },
  runError: '**Запуск остановлен ошибкой.** Формулировка drift-doctor:',

  noSql: 'SQL не выполнялся.',
  sqlStatus,
  stepComment,
  stepState: { failed: '✗ ОШИБКА здесь', 'not-run': 'не выполнялся' },
  setupComment: 'сначала выставляются lock_timeout, statement_timeout и advisory-блокировка drift-doctor',
  verifyComment: 'здесь, внутри транзакции, выполняется проверка; любая ошибка откатывает всё',
  afterCommitIntro: (count, recordsAfter) => `${count === 1 ? 'Этот шаг нельзя выполнить' : `Эти ${steps(count)} нельзя выполнить`} внутри транзакции (\`CONCURRENTLY\`), поэтому ${count === 1 ? 'он выполняется' : 'они выполняются по одному'} после COMMIT, под блокировкой drift-doctor. ${count === 1 ? 'Шаг идемпотентен' : 'Каждый из них идемпотентен'}${recordsAfter ? ', а миграция записывается в журнал только после своего шага' : ''}. Затем всё проверяется ещё раз.`,
  afterCommitVerify: 'затем повторная проверка, уже без отложенных пунктов',
  notRehearsed: 'В репетиции эти шаги не выполняются (внутри её транзакции они невозможны); её проверка приняла их на веру.',
  rehearsedFirst: (ok, error) => ok
    ? 'Перед применением тот же план отрепетировали (выполнили в транзакции и откатили), проверка прошла.'
    : `Перед применением репетиция того же плана не удалась: «${error ?? 'проверка не прошла'}».`,
  reconciled: 'обнаружено до начала выполнения и учтено в шагах выше (добавляются только недостающие части)',
  journal: (path) => `**Журнал ремонта:** ${code(path)} (план, отправленный SQL, строки журнала миграций до и после).`,
  undo: (command) => `Вернуть строки журнала миграций в состояние до ремонта: ${code(command)} (созданные ремонтом объекты схемы перечисляются, но не удаляются).`,

  notVerifiedCheck: 'Ремонт не выполнялся, проверять нечего; найденное состояние описано в разделе «Проблема».',
  notVerifiedDryRun: 'Проверка не выполнялась: это был пробный прогон, ничего не выполнено.',
  notVerifiedRefused: 'Проверка не выполнялась: ремонт отклонён, ничего не выполнено.',
  notVerifiedFailed: 'Проверка не выполнялась: ремонт остановился раньше.',
  rehearsalVerification: 'Эта проверка выполнена внутри транзакции репетиции, до отката: она доказывает, что план здесь работает. Сама база не изменилась, расхождения в ней остались.',
  verifiedInSync: '**Расхождений нет:** журнал совпадает с файлами, объекты всех записанных миграций на месте, ожидающие миграции применятся без ошибок, схема совпадает с моделями, невалидных индексов нет.',
  verifiedInSyncRehearsal: '**Внутри репетиции расхождений не осталось:** все проверки прошли до отката.',
  verifiedNotInSync: '**Расхождения остались.** Что не так:',
  checkLabel: {
    'ledger-matches-files': 'журнал совпадает с файлами миграций',
    'footprints-present': 'объекты всех записанных миграций на месте',
    'pending-apply-cleanly': 'ожидающие миграции применятся без ошибок',
    'models-match': 'схема совпадает с моделями сущностей (или разницу объясняет ожидающая миграция)',
    'indexes-valid': 'невалидных индексов нет',
  },

  recommendation: {
    'never-stamp': () => 'Никогда не записывать строки в журнал миграций вручную. Отмечать миграции, объекты которых действительно есть, только через `npx drift-doctor repair --strategy sync-ledger`: он записывает лишь то, что проверил, и отказывается записывать миграцию, которая присутствует частично.',
    'no-manual-drops': () => 'Менять схему только миграциями. Таблица, удалённая вручную, остаётся в журнале как существующая; откатывать миграцию нужно через `npx mikro-orm migration:down` — он удаляет и строку журнала. Роль приложения не должна владеть таблицами, чтобы не могла их удалить.',
    'transactional-migrations': (f) => `Держать миграции транзакционными (в MikroORM это по умолчанию). Нетранзакционная миграция${f.nonTransactional.length ? ` (здесь: ${codes(f.nonTransactional)})` : ''} с \`CREATE INDEX CONCURRENTLY\` может упасть на полпути и оставить невалидный индекс${f.invalidIndexes.length ? ` (здесь: ${codes(f.invalidIndexes)})` : ''}: после её выката проверяйте \`select indexrelid::regclass from pg_index where not indisvalid\` и никогда не отмечайте её применённой вручную.`,
    'restore-with-schema': (f) => `Восстанавливать базу вместе со схемой и журналом (дамп всей базы через \`pg_dump\`), а не один журнал; после любого восстановления или пересоздания запускать \`${f.checkCommand}\` до старта приложения.`,
    'no-hand-made-objects': (f) => `Не создавать таблицы вручную или скриптами${f.handMade.length ? ` (здесь: ${codes(f.handMade)})` : ''}: на каждое изменение схемы — миграция. Тогда журнал будет о нём знать, и следующий \`migration:up\` не упадёт с «relation already exists».`,
    'stable-names': () => 'Не переименовывать файлы миграций и строки журнала после применения и запускать мигратор везде с одинаковыми настройками (в журнале имена хранятся без `.js`/`.ts`).',
    'one-ledger-location': (f) => `Задать расположение журнала (\`migrations.tableName\` и схему в MikroORM) один раз, в конфигурации, которую читают все инструменты; drift-doctor смотрел в ${code(f.ledger)}.`,
    'deploy-matching-revision': (f) => `Выкатывать и чинить базу только из версии кода, в которой есть все уже применённые к ней миграции${f.ledgerWithoutFile.length ? ` (здесь: ${codes(f.ledgerWithoutFile)})` : ''}; на такой базе \`drift-doctor check\` завершается с кодом 3, так что CI может остановить выкат старой версии.`,
    'schema-via-migrations': () => 'Строить схему в проде миграциями, а не `schema:update`/`schema:create` (или скриптом с `create_all`): они не пишут в журнал, и следующий `migration:up` попытается создать всё заново.',
    investigate: () => 'Доказательства не указывают на одну причину: выясните, у кого был доступ на запись к журналу и схеме в районе `executed_at` строк журнала, и посмотрите журнал сервера за это время.',
    'needs-human': () => 'Пункты «требует решения человека» закрыть отдельной, прошедшей ревью миграцией: drift-doctor никогда ничего не удаляет и не меняет типы столбцов.',
    'drift-left': (f) => `Расхождения остались (см. «Проверка»): исправьте перечисленное и снова запустите \`${f.checkCommand}\`.`,
    'create-all-by-hand': () => 'Если такой ремонт когда-нибудь придётся повторить вручную (скриптом с `create_all` или `schema:update`), приводить журнал в соответствие нужно тем же шагом. Иначе миграция, чья таблица уже создана, останется ожидающей, и следующий `migration:up` упадёт с «relation already exists» — именно в эту ловушку попал исходный инцидент.',
    'migrate-before-start': () => 'Применять миграции до запуска приложения (`npx mikro-orm migration:up` отдельным шагом выката или в entrypoint контейнера) и не давать приложению или скриптам создавать таблицы самим.',
    'ci-check': (f) => `Защитить выкат проверкой \`${f.checkCommand}\` в CI: код 0 — расхождений нет, 1 — найдены расхождения, 2 — ошибка, 3 — ремонт отклонён или причина неоднозначна. Пайплайн должен падать на любом коде, кроме 0.`,
    'log-ddl': () => 'Включить на сервере `log_statement = \'ddl\'` и хранить логи: тогда в следующий раз не придётся гадать, кто что создал или удалил, — это будет в логе.',
  },
};
