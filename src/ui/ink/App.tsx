import { useLayoutEffect, useReducer } from 'react';
import { Box, Text, useApp, type Key } from 'ink';
import type { Engine } from '../../core/engine.js';
import { checkExhaustive, type RepairPlan } from '../../core/types.js';
import type { StepStates } from './apply-window.js';
import { ApplyStep } from './ApplyStep.js';
import { ChooseStep } from './ChooseStep.js';
import { chromeReducer, initialChrome, type Chrome, type ChromeAction } from './chrome-state.js';
import { ConfirmStep } from './ConfirmStep.js';
import { ConnectStep } from './ConnectStep.js';
import { DetectStep } from './DetectStep.js';
import { ErrorScreen } from './ErrorScreen.js';
import { ExplainStep } from './ExplainStep.js';
import { Header, headerHeight } from './Header.js';
import { screenName } from './header-lines.js';
import { helpLines } from './help-lines.js';
import type { WizardRecord } from './incident-record.js';
import { footerHeight, hasDetails, HELP_OPEN, hintsFor } from './key-hints.js';
import { KeyHints } from './KeyHints.js';
import { paragraph, type Line } from './lines.js';
import { Lines } from './Lines.js';
import { NothingToRepair } from './NothingToRepair.js';
import { PreviewStep } from './PreviewStep.js';
import { phaseRows, spanMs } from './progress.js';
import { RehearsalStep } from './RehearsalStep.js';
import { defaultReportPath } from '../../report/write.js';
import { defaultPlanPath } from './save-file.js';
import { clampOffset, scrollKey } from './scroll.js';
import { noticeLines, PROMPT_HINTS, promptLines } from './status-lines.js';
import { toneColor } from './theme.js';
import { editTyped } from './typed-text.js';
import { useNow } from './use-clock.js';
import { KeyRouterContext, useKeyRouter } from './use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useWizard, type Clock, type Wizard } from './use-wizard.js';
import { VerifyStep } from './VerifyStep.js';
import { Viewport } from './Viewport.js';
import { chosenPlan, rehearsalOfChosen, untouchedLine, type WizardState } from './wizard-state.js';

export interface AppProps {
  engine: Engine;
  /** Called once the operator leaves, with the exit code (0 consistent, 1 drift left or not known, 2 error, 3 refused). */
  onExit?: (code: number) => void;
  /**
   * Where the engine connects (e.g. `db.internal:5432/agents_prod` or a masked
   * URL), shown while it connects; a password in a URL is masked anyway.
   */
  target?: string;
  /**
   * Writes the incident report to the file named at `m` on the end screens (never over an existing one);
   * resolves with where it went. Without it `m` is not offered.
   */
  writeReport?: (record: WizardRecord, file: string) => Promise<string>;
  /** The name `m` offers for the report (e.g. `--report`); default `./drift-doctor-report-<database>-<time>.md`. */
  reportPath?: string;
  /** Where a plan written with `w` goes when its name is relative (default: the working directory). */
  outputDir?: string;
  /** Milliseconds, read for elapsed times (default `Date.now`; tests pass their own). */
  clock?: Clock;
}

/** Rows the margins under the header and above the footer take, plus one so a frame never fills the window (Ink would clear it). */
const SPARE_ROWS = 2;

/** Screens where Enter ends the wizard. */
const FINAL = new Set<WizardState['screen']>(['verify', 'in-sync', 'error']);

/** Screens where the engine is changing the database (or rehearsing it): no key interrupts. */
const RUNNING = new Set<WizardState['screen']>(['apply', 'rehearse']);

interface BodyProps {
  wizard: Wizard;
  height: number;
  width: number;
  target?: string;
  now: number;
  details: boolean;
}

/** The current step's component, wired to the wizard. */
function Body({ wizard, height, width, target, now, details }: BodyProps) {
  const { state, send } = wizard;
  const outcome = state.outcome;
  const plan = chosenPlan(state);
  const ms = (call: keyof WizardState['timing']) => spanMs(state.timing[call], now);
  const go = (screen: WizardState['screen']) => send({ type: 'go', screen });
  switch (state.screen) {
    case 'connect':
      return <ConnectStep connection={state.connection} target={target} elapsedMs={ms('connect')} width={width} onContinue={wizard.detect} />;
    case 'detect':
      return (
        <DetectStep
          report={outcome?.report ?? null}
          phases={phaseRows(state.detectLog, now, !outcome)}
          elapsedMs={ms('detect')}
          details={details}
          height={height}
          width={width}
          onContinue={() => go(outcome?.report.inSync ? 'in-sync' : 'explain')}
        />
      );
    case 'explain':
      return outcome ? <ExplainStep diagnosis={outcome.diagnosis} height={height} width={width} details={details} onContinue={() => go('choose')} /> : null;
    case 'choose':
      return outcome ? (
        <ChooseStep
          diagnosis={outcome.diagnosis}
          plans={state.plans}
          initial={state.chosen}
          height={height}
          width={width}
          planningMs={ms('plan')}
          onChoose={(strategy) => send({ type: 'chose', strategy })}
        />
      ) : null;
    case 'preview':
      return plan ? (
        <PreviewStep plan={plan} height={height} width={width} onContinue={() => go('confirm')} onRehearse={() => wizard.rehearse(plan)} />
      ) : null;
    case 'rehearse':
      return plan && state.rehearsal ? (
        <ApplyStep
          plan={plan}
          stepStates={state.rehearsal.stepStates}
          height={height}
          verifying={rehearsalVerifying(plan, state.rehearsal.stepStates)}
          rehearsal
          elapsedMs={ms('rehearse')}
          width={width}
        />
      ) : null;
    case 'rehearsal': {
      const result = rehearsalOfChosen(state);
      return plan && result ? <RehearsalStep plan={plan} result={result} height={height} width={width} onContinue={() => go('confirm')} /> : null;
    }
    case 'confirm':
      return plan && state.connection ? (
        <ConfirmStep database={state.connection.database} plan={plan} rehearsal={rehearsalOfChosen(state)} width={width} onConfirm={() => wizard.apply(plan)} />
      ) : null;
    case 'apply':
      return plan ? (
        <ApplyStep
          plan={plan}
          stepStates={state.stepStates}
          height={height}
          verifying={state.applyResult !== null}
          elapsedMs={state.applyResult ? ms('verify') : ms('apply')}
          width={width}
        />
      ) : null;
    case 'verify':
      return state.verify ? <VerifyStep verify={state.verify} applyResult={state.applyResult} plan={plan} details={details} height={height} width={width} /> : null;
    case 'in-sync':
      return outcome ? <NothingToRepair report={outcome.report} /> : null;
    case 'error':
      return state.error ? <ErrorScreen error={state.error} width={width} /> : null;
    default:
      return checkExhaustive(state.screen);
  }
}

/** `?` opens the help, except on Confirm when the name to type contains one. */
function isHelpKey(input: string, state: WizardState): boolean {
  return input === '?' && !(state.screen === 'confirm' && state.connection?.database.includes('?'));
}

/** Whether `d` means something here: a screen with details, and something to show in them. */
function detailsAvailable(state: WizardState): boolean {
  if (!hasDetails(state.screen)) return false;
  if (state.screen === 'detect') return state.outcome !== null;
  if (state.screen === 'verify') return state.applyResult !== null;
  return true;
}

/** The engine call whose elapsed time the current screen shows, if one is running: the clock ticks only then. */
function ticking(state: WizardState): boolean {
  const runs = (call: keyof WizardState['timing']) => {
    const span = state.timing[call];
    return span !== undefined && span.end === undefined;
  };
  switch (state.screen) {
    case 'connect':
      return runs('connect');
    case 'detect':
      return runs('detect');
    case 'choose':
      return runs('plan');
    case 'apply':
    case 'rehearse':
      return true;
    default:
      return false;
  }
}

/** The wizard: owns the state, shows one step at a time, and the keys that work on it. */
export function App({ engine, onExit, target, writeReport, reportPath, outputDir, clock = Date.now }: AppProps) {
  const wizard = useWizard(engine, { clock, outputDir, writeReport });
  const { state, send } = wizard;
  const [chrome, change] = useReducer(chromeReducer, initialChrome);
  const now = useNow(clock, ticking(state), wizard.flushProgress);
  const { rows, columns } = useTerminalSize();
  const { exit } = useApp();
  const quit = state.quit;
  // In the commit that draws the quit frame (Ink has rendered it, or will on unmount): that frame,
  // saying how the operator left, is the one left on the terminal. A passive effect could run later.
  useLayoutEffect(() => {
    if (!quit) return;
    if (onExit) onExit(quit.code);
    else exit();
  }, [quit, onExit, exit]);
  const width = Math.max(20, columns - 1);
  const plan = chosenPlan(state);
  const details = detailsAvailable(state);
  const stepHints = hintsFor(state.screen, {
    ready: isReady(state),
    refused: Boolean(state.outcome?.diagnosis.refusal),
    rehearsalOk: rehearsalOfChosen(state)?.ok === true,
    ...(details ? { details: chrome.details[state.screen] ? 'on' : 'off' } : {}),
    canReport: wizard.saveReport !== null,
  });
  const hints = chrome.prompt !== null ? PROMPT_HINTS : chrome.help ? HELP_OPEN : stepHints;
  const status = statusLines(state, chrome, width);
  const farewell = farewellLines(state, width);
  const bottom = quit ? farewell.length : footerHeight(hints, width);
  const height = Math.max(6, rows - headerHeight(state.screen, state.connection, width) - (status.length > 0 ? status.length + 1 : 0) - bottom - SPARE_ROWS);
  const help = chrome.help ? helpLines(state.screen, stepHints, width) : [];
  const helpView = { total: help.length, height: Math.max(3, height - 3) };
  const router = useKeyRouter((input, key) => {
    // Nothing interrupts a running repair, or a rehearsal (it rolls back by itself); nothing follows a quit.
    if (RUNNING.has(state.screen) || state.quit) return true;
    if (input === 'c' && key.ctrl) send({ type: 'quit' });
    else if (chrome.prompt !== null) {
      const { what, text } = chrome.prompt;
      promptKey(text, input, key, change, (file) => {
        if (what === 'report') wizard.saveReport?.(file);
        else if (plan) wizard.savePlan(plan, file);
      });
    }
    else if (chrome.help) helpKey(input, key, chrome, helpView, change, () => send({ type: 'quit' }));
    else if (isHelpKey(input, state)) change({ type: 'help', open: true });
    else if (input === 'q' && !key.ctrl && state.screen !== 'confirm') send({ type: 'quit' });
    else if (key.escape) send({ type: 'back' });
    else if (key.return && FINAL.has(state.screen)) send({ type: 'quit' });
    else if (input === 'd' && details) change({ type: 'details', screen: state.screen });
    else if (input === 'w' && state.screen === 'preview' && plan && plan.steps.length > 0 && state.connection) {
      change({ type: 'prompt', what: 'plan', text: defaultPlanPath(state.connection.database, new Date()) });
    } else if (input === 'm' && FINAL.has(state.screen) && wizard.saveReport && state.connection) {
      change({ type: 'prompt', what: 'report', text: reportPath ?? defaultReportPath(state.connection) });
    }
    else return false;
    return true;
  });
  return (
    <KeyRouterContext.Provider value={router}>
      <Box flexDirection="column" width={width}>
        <Header screen={state.screen} connection={state.connection} columns={width} />
        {/* Hidden, not unmounted, under the help: a step keeps its selection, scroll and typed text. */}
        <Box display={chrome.help ? 'none' : 'flex'} flexDirection="column">
          <Body wizard={wizard} height={height} width={width} target={target} now={now} details={Boolean(chrome.details[state.screen])} />
        </Box>
        {chrome.help ? (
          <Box flexDirection="column">
            <Text color={toneColor('heading')} bold>{`Help: ${screenName(state.screen)}`}</Text>
            <Box marginBottom={1} />
            <Viewport lines={help} offset={clampOffset(chrome.helpOffset, helpView.total, helpView.height)} height={helpView.height} />
          </Box>
        ) : null}
        {status.length > 0 ? (
          <Box marginTop={1}>
            <Lines lines={status} />
          </Box>
        ) : null}
        <Box marginTop={1}>{quit ? <Lines lines={farewell} /> : <KeyHints hints={hints} width={width} />}</Box>
      </Box>
    </KeyRouterContext.Provider>
  );
}

/** Keys while the file-name prompt is open: Enter writes, Esc cancels, Ctrl+U clears; the rest edits the name. */
function promptKey(text: string, input: string, key: Key, change: (a: ChromeAction) => void, save: (file: string) => void): void {
  if (key.return) {
    change({ type: 'prompt', text: null });
    save(text);
  } else if (key.escape) change({ type: 'prompt', text: null });
  else if (key.ctrl && input === 'u') change({ type: 'prompt', text: '' });
  else change({ type: 'prompt', text: editTyped(text, input, key) });
}

/** Keys while the help is open: ? or Esc close it, q quits, the arrows scroll; nothing reaches the step underneath. */
function helpKey(input: string, key: Key, chrome: Chrome, view: { total: number; height: number }, change: (a: ChromeAction) => void, quit: () => void): void {
  if (input === '?' || key.escape) change({ type: 'help', open: false });
  else if (input === 'q' && !key.ctrl) quit();
  else {
    const next = scrollKey(key, clampOffset(chrome.helpOffset, view.total, view.height), view);
    if (next !== null) change({ type: 'help-scroll', offset: next });
  }
}

/** The prompt while it is open, else what became of the last file asked for. */
function statusLines(state: WizardState, chrome: Chrome, width: number): Line[] {
  if (state.quit) return [];
  if (chrome.prompt !== null) return promptLines(chrome.prompt.what, chrome.prompt.text, width);
  return state.notice ? noticeLines(state.notice, width) : [];
}

/** The last words when the operator leaves: how, and (before any repair) that the database is untouched. */
function farewellLines(state: WizardState, width: number): Line[] {
  const quit = state.quit;
  if (!quit?.farewell) return [];
  const untouched = untouchedLine(state);
  return [...paragraph(quit.farewell, { width, tone: 'accent' }), ...(untouched ? paragraph(untouched, { width, tone: 'ok', bold: true }) : [])];
}

/** Every step of the transaction is done: the engine is verifying before the rollback. */
function rehearsalVerifying(plan: RepairPlan, states: StepStates): boolean {
  const inside = plan.steps.filter((s) => !s.outsideTransaction).length;
  const values = Object.values(states);
  return !values.includes('failed') && values.filter((s) => s === 'done').length >= inside;
}

/** Whether the current screen's data has arrived (so Enter can continue). */
function isReady(state: WizardState): boolean {
  switch (state.screen) {
    case 'connect':
      return state.connection !== null;
    case 'detect':
      return state.outcome !== null;
    case 'choose':
      return state.plans !== null;
    case 'preview':
      return (chosenPlan(state)?.steps.length ?? 0) > 0;
    default:
      return true;
  }
}
