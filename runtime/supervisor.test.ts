import { createLogger } from './logger';
import { supervise } from './supervisor';

const logger = createLogger('silent');
const fast = { initialDelayMs: 1, maxDelayMs: 4, stableAfterMs: 60_000 };

/** A process stand-in whose exit the test triggers. */
function fakeProcess() {
  let exit!: (how: string) => void;
  const exited = new Promise<string>((resolve) => (exit = resolve));
  return { exited, exit };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ok()).toBe(true);
};

describe('supervise', () => {
  it('starts the process again each time it exits', async () => {
    const first = fakeProcess();
    const started: Array<ReturnType<typeof fakeProcess>> = [];
    const s = supervise('thing', logger, first.exited, async () => {
      const p = fakeProcess();
      started.push(p);
      return { exited: p.exited };
    }, fast);
    first.exit('SIGKILL');
    await until(() => started.length === 1);
    started[0]?.exit('1');
    await until(() => started.length === 2);
    expect(s.restarts()).toBe(2);
    s.stop();
  });

  it('keeps trying a start that fails, then carries on', async () => {
    const first = fakeProcess();
    let attempts = 0;
    const s = supervise('thing', logger, first.exited, async () => {
      attempts++;
      if (attempts < 4) throw new Error('port busy');
      return { exited: fakeProcess().exited };
    }, fast);
    first.exit('SIGKILL');
    await until(() => s.restarts() === 1);
    expect(attempts).toBe(4);
    s.stop();
  });

  it('does nothing once stopped (a shutdown stops the process itself)', async () => {
    const first = fakeProcess();
    let starts = 0;
    const s = supervise('thing', logger, first.exited, async () => {
      starts++;
      return { exited: fakeProcess().exited };
    }, fast);
    s.stop();
    first.exit('0');
    await new Promise((r) => setTimeout(r, 20));
    expect(starts).toBe(0);
  });
});
