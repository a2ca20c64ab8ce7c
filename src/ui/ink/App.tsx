import { useLayoutEffect } from 'react';
import { Box, Text, useApp, type Key } from 'ink';
import type { Engine } from '../../core/engine.js';
import { checkExhaustive, type RepairPlan } from '../../core/types.js';
import type { StepStates } from './apply-window.js';
import { ApplyStep } from './ApplyStep.js';
import { ChooseStep } from './ChooseStep.js';
import { ConfirmStep } from './ConfirmStep.js';
import { ConnectStep } from './ConnectStep.js';
import { DetectStep } from './DetectStep.js';
import { ErrorScreen } from './ErrorScreen.js';
import { ExplainStep } from './ExplainStep.js';
import { Header } from './Header.js';
import { footerHeight, hintsFor } from './key-hints.js';
import { KeyHints } from './KeyHints.js';
import { NothingToRepair } from './NothingToRepair.js';
import { PreviewStep } from './PreviewStep.js';
import { RehearsalStep } from './RehearsalStep.js';
import { toneColor } from './theme.js';
import { KeyRouterContext, useKeyRouter } from './use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useWizard, type Wizard } from './use-wizard.js';
import { VerifyStep } from './VerifyStep.js';
import { chosenPlan, rehearsalOfChosen, type WizardState } from './wizard-state.js';

export interface AppProps {
  engine: Engine;
  /** Called once the operator leaves, with the exit code (0 consistent, 1 drift left or not known, 2 error, 3 refused). */
  onExit?: (code: number) => void;
  /**
   * Where the engine connects (e.g. `db.internal:5432/agents_prod` or a masked
   * URL), shown while it connects; a password in a URL is masked anyway.
   */
  target?: string;
}

/** Rows the header (2) and the footer's margin take, plus one so a frame never fills the window (Ink would clear it). */
const CHROME_ROWS = 4;

/** Screens where Enter ends the wizard. */
const FINAL = new Set<WizardState['screen']>(['verify', 'in-sync', 'error']);

/** Screens where the engine is changing the database (or rehearsing it): no key interrupts. */
const RUNNING = new Set<WizardState['screen']>(['apply', 'rehearse']);

interface BodyProps {
  wizard: Wizard;
  height: number;
  width: number;
  target?: string;
}

/** The current step's component, wired to the wizard. */
function Body({ wizard, height, width, target }: BodyProps) {
  const { state, send } = wizard;
  const outcome = state.outcome;
  const plan = chosenPlan(state);
  const go = (screen: WizardState['screen']) => send({ type: 'go', screen });
  switch (state.screen) {
    case 'connect':
      return <ConnectStep connection={state.connection} target={target} onContinue={wizard.detect} />;
    case 'detect':
      return (
        <DetectStep
          report={outcome?.report ?? null}
          message={state.detectMessage}
          height={height}
          width={width}
          onContinue={() => go(outcome?.report.inSync ? 'in-sync' : 'explain')}
        />
      );
    case 'explain':
      return outcome ? <ExplainStep diagnosis={outcome.diagnosis} height={height} width={width} onContinue={() => go('choose')} /> : null;
    case 'choose':
      return outcome ? (
        <ChooseStep
          diagnosis={outcome.diagnosis}
          plans={state.plans}
          initial={state.chosen}
          height={height}
          width={width}
          onChoose={(strategy) => send({ type: 'chose', strategy })}
        />
      ) : null;
    case 'preview':
      return plan ? (
        <PreviewStep plan={plan} height={height} width={width} onContinue={() => go('confirm')} onRehearse={() => wizard.rehearse(plan)} />
      ) : null;
    case 'rehearse':
      return plan && state.rehearsal ? (
        <ApplyStep plan={plan} stepStates={state.rehearsal.stepStates} height={height} verifying={rehearsalVerifying(plan, state.rehearsal.stepStates)} rehearsal />
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
      return plan ? <ApplyStep plan={plan} stepStates={state.stepStates} height={height} verifying={state.applyResult !== null} /> : null;
    case 'verify':
      return state.verify ? <VerifyStep verify={state.verify} applyResult={state.applyResult} height={height} width={width} /> : null;
    case 'in-sync':
      return outcome ? <NothingToRepair report={outcome.report} /> : null;
    case 'error':
      return state.error ? <ErrorScreen error={state.error} /> : null;
    default:
      return checkExhaustive(state.screen);
  }
}

/** q (or Ctrl+C) quits, except while applying; on Confirm q is a letter of the name, so only Ctrl+C quits. */
function isQuit(input: string, key: Key, screen: WizardState['screen']): boolean {
  if (input === 'c' && key.ctrl) return true;
  return input === 'q' && !key.ctrl && screen !== 'confirm';
}

/** The wizard: owns the state, shows one step at a time, and the keys that work on it. */
export function App({ engine, onExit, target }: AppProps) {
  const wizard = useWizard(engine);
  const { state, send } = wizard;
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
  const router = useKeyRouter((input, key) => {
    // Nothing interrupts a running repair, or a rehearsal (it rolls back by itself); nothing follows a quit.
    if (RUNNING.has(state.screen) || state.quit) return true;
    if (isQuit(input, key, state.screen)) send({ type: 'quit' });
    else if (key.escape) send({ type: 'back' });
    else if (key.return && FINAL.has(state.screen)) send({ type: 'quit' });
    else return false;
    return true;
  });
  const width = Math.max(20, columns - 1);
  const hints = hintsFor(state.screen, {
    ready: isReady(state),
    refused: Boolean(state.outcome?.diagnosis.refusal),
    rehearsalOk: rehearsalOfChosen(state)?.ok === true,
  });
  return (
    <KeyRouterContext.Provider value={router}>
      <Box flexDirection="column" width={width}>
        <Header screen={state.screen} database={state.connection?.database ?? null} columns={width} />
        <Body wizard={wizard} height={Math.max(6, rows - CHROME_ROWS - footerHeight(hints, width))} width={width} target={target} />
        {quit ? (
          quit.farewell ? (
            <Box marginTop={1}>
              <Text color={toneColor('accent')}>{quit.farewell}</Text>
            </Box>
          ) : null
        ) : (
          <Box marginTop={1}>
            <KeyHints hints={hints} width={width} />
          </Box>
        )}
      </Box>
    </KeyRouterContext.Provider>
  );
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
