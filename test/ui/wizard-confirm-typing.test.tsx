import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { KEY, renderUi, tick, waitFor, walkTo } from './helpers.js';

const DEL = '\u007F';
const BS = '\b';

/** What the prompt shows as typed (the cursor cell stripped). */
function typedIn(screen: string): string | undefined {
  return /to apply:(.*)$/m.exec(screen)?.[1]?.trim();
}

async function atConfirm() {
  const engine = fixtureEngine();
  const ui = renderUi(<App engine={engine} />);
  await walkTo(ui, 'confirm');
  return { ui, engine };
}

/**
 * Keys that arrive in one stdin chunk reach the step as one input string with
 * no Backspace flag: a burst of Backspaces erased nothing, and only the ones
 * that happened to arrive alone counted ("Postgres" became "Po").
 */
describe('Confirm typing, several keys in one input chunk', () => {
  it('ten Backspaces in one write erase ten characters', async () => {
    const { ui } = await atConfirm();
    await ui.type('abcdefghij');
    expect(typedIn(ui.screen())).toBe('abcdefghij');
    await ui.type(DEL.repeat(10));
    expect(typedIn(ui.screen())).toBe('');
  });

  it('eight quick Backspaces count all eight, however the terminal groups them into chunks', async () => {
    const { ui } = await atConfirm();
    await ui.type('Postgres');
    for (const chunk of [DEL, DEL.repeat(3), DEL, DEL.repeat(3)]) ui.stdin.write(chunk);
    await tick(300);
    expect(typedIn(ui.screen())).toBe('');
  });

  it('text and Backspaces (DEL or BS) mixed in one write apply in order, then the name confirms', async () => {
    const { ui, engine } = await atConfirm();
    await ui.type(`agentz${DEL}s_pxx${BS}${BS}rod`);
    expect(typedIn(ui.screen())).toBe('agents_prod');
    await ui.type(`${DEL.repeat(3)}rod`);
    expect(typedIn(ui.screen())).toBe('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(engine.calls.apply).toHaveLength(1);
  });

  // Unchanged behaviour, pinned: Enter counts only as a key of its own.
  it('a paste ending in a newline does not confirm by itself', async () => {
    const { ui, engine } = await atConfirm();
    await ui.type('agents_prod\r');
    expect(typedIn(ui.screen())).toBe('agents_prod');
    expect(engine.calls.apply).toHaveLength(0);
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(engine.calls.apply).toHaveLength(1);
  });
});
