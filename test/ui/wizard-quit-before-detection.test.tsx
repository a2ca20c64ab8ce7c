import { describe, expect, it, vi } from 'vitest';
import type { ConnectionInfo } from '../../src/core/types.js';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, tick, waitFor, walkTo } from './helpers.js';

/** A connect that answers only when told to (a slow or unreachable server). */
function slowConnect() {
  const engine = fixtureEngine();
  let fail: (error: Error) => void = () => undefined;
  engine.connect = () =>
    new Promise<ConnectionInfo>((_resolve, reject) => {
      engine.calls.connect += 1;
      fail = reject;
    });
  return { engine, fail: (error: Error) => fail(error) };
}

describe('quit before detection finished', () => {
  it('names the server at once while connecting, so the screen is never blank', async () => {
    const { engine } = slowConnect();
    const ui = renderUi(<App engine={engine} target="postgresql://app_owner:s3cret@db.internal:5432/agents_prod" />);
    await waitFor(() => ui.screen().includes('Connecting to'));
    expect(ui.screen()).toContain('Connecting to postgresql://app_owner:***@db.internal:5432/agents_prod…');
    expect(ui.screen()).not.toContain('s3cret');
    expect(ui.screen()).toContain('q quit');
  });

  it('without a target still says it is connecting', async () => {
    const { engine } = slowConnect();
    const ui = renderUi(<App engine={engine} />);
    await waitFor(() => ui.screen().includes('Connecting to the database…'));
  });

  it('q while connecting says nothing was detected or changed, exits 1, and a late error does not replace it', async () => {
    const { engine, fail } = slowConnect();
    const onExit = vi.fn();
    const ui = renderUi(<App engine={engine} onExit={onExit} target="db.internal:5432/agents_prod" />);
    await waitFor(() => ui.screen().includes('Connecting to db.internal:5432/agents_prod…'));
    await ui.press('q');
    expect(ui.screen()).toMatch(/^quit before detection started — nothing was changed$/m);
    expect(onExit).toHaveBeenCalledWith(1);
    fail(new Error('connect ETIMEDOUT 10.0.0.7:5432'));
    await tick(100);
    expect(ui.screen()).toContain('quit before detection started — nothing was changed');
    expect(ui.screen()).not.toContain('ETIMEDOUT');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('Ctrl-C on Connect, connected but not detecting yet, says detection had not started', async () => {
    const onExit = vi.fn();
    const ui = renderUi(<App engine={fixtureEngine()} onExit={onExit} />);
    await walkTo(ui, 'connect');
    await ui.press(KEY.ctrlC);
    expect(ui.screen()).toMatch(/^quit before detection started — nothing was changed$/m);
    expect(onExit).toHaveBeenCalledWith(1);
  });

  it('q while detecting says it had not finished', async () => {
    const engine = fixtureEngine();
    engine.detect = () => new Promise(() => undefined);
    const onExit = vi.fn();
    const ui = renderUi(<App engine={engine} onExit={onExit} />);
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Detecting'));
    await ui.press('q');
    expect(ui.screen()).toContain('quit before detection finished — nothing was changed');
    expect(onExit).toHaveBeenCalledWith(1);
  });

  it('q once drift is known says the drift is left as it was', async () => {
    const onExit = vi.fn();
    const ui = renderUi(<App engine={fixtureEngine()} onExit={onExit} />);
    await walkTo(ui, 'choose');
    await ui.press('q');
    expect(ui.screen()).toContain(MARK.choose);
    expect(ui.screen()).toContain('quit with the drift left as detected — nothing was changed');
    expect(ui.screen()).not.toContain('Enter preview');
    expect(onExit).toHaveBeenCalledWith(1);
  });

  it('q on Connect after stepping back from a detection that found nothing exits 0', async () => {
    const onExit = vi.fn();
    const engine = fixtureEngine({ report: { ...incident.report, inSync: true }, delayMs: 20 });
    const ui = renderUi(<App engine={engine} onExit={onExit} />);
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter, KEY.esc);
    await waitFor(() => ui.screen().includes(MARK.connect));
    await tick(400); // detection finishes while Connect shows
    await ui.press('q');
    expect(ui.screen()).toContain('nothing to repair');
    expect(onExit).toHaveBeenCalledWith(0);
  });
});
