import { applyIncrement, rollBack, type MissionLimits, type ProgressState } from './progress';

const fresh: ProgressState = { counter: 0n, timesAchieved: 0, periodKey: null, periodCompletions: 0 };
const three: MissionLimits = { goalCount: 3n, maxRepetitions: 10, periodLimit: null };

function run(limits: MissionLimits, amounts: Array<[bigint, string | null]>) {
  let state = fresh;
  const steps = [];
  for (const [amount, period] of amounts) {
    const step = applyIncrement(state, limits, amount, period);
    steps.push(step);
    state = step.state;
  }
  return { state, steps };
}

describe('applyIncrement', () => {
  it('completes on the third event and resets', () => {
    const { state, steps } = run(three, [[1n, null], [1n, null], [1n, null]]);
    expect(steps.map((s) => s.completed)).toEqual([[], [], [1]]);
    expect(state).toMatchObject({ counter: 0n, timesAchieved: 1 });
  });
  it('carries the rest over and completes several repetitions in one step', () => {
    const step = applyIncrement({ ...fresh, counter: 2n }, three, 8n, null);
    expect(step.completed).toEqual([1, 2, 3]);
    expect(step.state.counter).toBe(1n);
  });
  it('stops at maxRepetitions and then counts nothing', () => {
    const limits = { ...three, maxRepetitions: 2 };
    const { state, steps } = run(limits, [[3n, null], [5n, null], [1n, null]]);
    expect(steps.map((s) => s.completed)).toEqual([[1], [2], []]);
    expect(steps.map((s) => s.counted)).toEqual([3n, 5n, 0n]);
    expect(steps[2]?.capped).toBe('max_repetitions');
    expect(state).toMatchObject({ counter: 0n, timesAchieved: 2 });
  });
  it('caps completions per period and starts afresh in the next one', () => {
    const limits = { ...three, periodLimit: 1 };
    const { state, steps } = run(limits, [[3n, 'W1'], [1n, 'W1'], [2n, 'W1'], [3n, 'W2'], [3n, 'W2'], [3n, 'W3']]);
    expect(steps.map((s) => s.completed)).toEqual([[1], [], [], [2], [], [3]]);
    expect(steps.map((s) => s.capped)).toEqual(['period_limit', 'period_limit', 'period_limit', 'period_limit', 'period_limit', 'period_limit']);
    expect(steps.map((s) => s.counted)).toEqual([3n, 0n, 0n, 3n, 0n, 3n]);
    expect(state).toMatchObject({ timesAchieved: 3, periodKey: 'W3', periodCompletions: 1 });
  });
  it('drops what was left over when a cap is reached', () => {
    const step = applyIncrement(fresh, { ...three, periodLimit: 1 }, 5n, 'D1');
    expect(step.completed).toEqual([1]);
    expect(step.state.counter).toBe(0n);
  });
  it('ignores zero increments', () => {
    expect(applyIncrement(fresh, three, 0n, null)).toMatchObject({ counted: 0n, completed: [], capped: null });
  });
  it('equals one big increment for any split of amounts (no cap)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const amounts: bigint[] = [];
      let x = seed;
      for (let i = 0; i < 1 + (seed % 7); i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        amounts.push(BigInt(x % 6));
      }
      const split = run({ goalCount: 4n, maxRepetitions: 1000, periodLimit: null }, amounts.map((a) => [a, null] as [bigint, null])).state;
      const total = amounts.reduce((a, b) => a + b, 0n);
      expect(split.timesAchieved).toBe(Number(total / 4n));
      expect(split.counter).toBe(total % 4n);
    }
  });
});

describe('rollBack', () => {
  it('takes the amount off the counter when no completion depended on it', () => {
    expect(rollBack({ ...fresh, counter: 2n }, three, 1n, true)).toEqual({ state: { ...fresh, counter: 1n }, undone: [] });
  });
  it('undoes the repetition the returned purchase completed, inside the window', () => {
    const { state, undone } = rollBack({ ...fresh, counter: 0n, timesAchieved: 1, periodCompletions: 1 }, three, 1n, true);
    expect(undone).toEqual([1]);
    expect(state).toMatchObject({ counter: 2n, timesAchieved: 0, periodCompletions: 0 });
  });
  it('undoes several, latest first', () => {
    const { state, undone } = rollBack({ ...fresh, counter: 1n, timesAchieved: 3, periodCompletions: 3 }, three, 7n, true);
    expect(undone).toEqual([3, 2]);
    expect(state).toMatchObject({ counter: 0n, timesAchieved: 1 });
  });
  it('outside the window completed repetitions stand and the counter stops at zero', () => {
    const { state, undone } = rollBack({ ...fresh, counter: 1n, timesAchieved: 1 }, three, 2n, false);
    expect(undone).toEqual([]);
    expect(state).toMatchObject({ counter: 0n, timesAchieved: 1 });
  });
  it('never goes below nothing', () => {
    const { state, undone } = rollBack({ ...fresh, counter: 0n, timesAchieved: 1 }, three, 10n, true);
    expect(undone).toEqual([1]);
    expect(state).toMatchObject({ counter: 0n, timesAchieved: 0 });
  });
});
