/** A customer's standing in one mission. */
export interface ProgressState {
  counter: bigint;
  timesAchieved: number;
  /** The repetition period the completions below were counted in (null: no period cap). */
  periodKey: string | null;
  periodCompletions: number;
}

export interface MissionLimits {
  goalCount: bigint;
  maxRepetitions: number;
  periodLimit: number | null;
}

export interface ProgressStep {
  state: ProgressState;
  /** What was counted: 0 when the mission was capped (overall or for the period). */
  counted: bigint;
  /** Repetition numbers completed by this step (1-based, in order). */
  completed: number[];
  capped: 'max_repetitions' | 'period_limit' | null;
}

/**
 * Applies one increment. Each time the counter reaches the goal a repetition
 * completes and the goal is taken off the counter (the rest carries over),
 * while `maxRepetitions` overall and `periodLimit` in the current period allow.
 * Once capped, increments are not counted, and what was left over when the
 * cap was reached is dropped: progress cannot be banked for the next period.
 */
export function applyIncrement(before: ProgressState, limits: MissionLimits, amount: bigint, currentPeriod: string | null): ProgressStep {
  const state: ProgressState = { ...before };
  if (state.periodKey !== currentPeriod) {
    state.periodKey = currentPeriod;
    state.periodCompletions = 0;
  }
  const cap = (): ProgressStep['capped'] => {
    if (state.timesAchieved >= limits.maxRepetitions) return 'max_repetitions';
    if (limits.periodLimit !== null && state.periodCompletions >= limits.periodLimit) return 'period_limit';
    return null;
  };
  const blocked = cap();
  if (blocked || amount <= 0n) return { state, counted: 0n, completed: [], capped: blocked };

  state.counter += amount;
  const completed: number[] = [];
  while (state.counter >= limits.goalCount && cap() === null) {
    state.counter -= limits.goalCount;
    state.timesAchieved += 1;
    state.periodCompletions += 1;
    completed.push(state.timesAchieved);
  }
  const capped = cap();
  if (capped) state.counter = 0n;
  return { state, counted: amount, completed, capped };
}

/**
 * Takes back what one event counted (its sale was returned). Progress is the
 * running total `timesAchieved × goal + counter`; removing the amount may undo
 * the latest repetitions — only when `undoCompletions` (the return came inside
 * the sale's return window), otherwise completed repetitions stand and only
 * the counter goes down, never below zero.
 */
export function rollBack(before: ProgressState, limits: MissionLimits, amount: bigint, undoCompletions: boolean): { state: ProgressState; undone: number[] } {
  const state: ProgressState = { ...before };
  if (amount <= 0n) return { state, undone: [] };
  if (!undoCompletions || amount <= state.counter) {
    state.counter = state.counter > amount ? state.counter - amount : 0n;
    return { state, undone: [] };
  }
  const total = BigInt(state.timesAchieved) * limits.goalCount + state.counter - amount;
  const keep = total <= 0n ? 0 : Number(total / limits.goalCount);
  const undone: number[] = [];
  for (let rep = state.timesAchieved; rep > keep; rep--) undone.push(rep);
  state.timesAchieved = keep;
  state.counter = total <= 0n ? 0n : total - BigInt(keep) * limits.goalCount;
  state.periodCompletions = Math.max(0, state.periodCompletions - undone.length);
  return { state, undone };
}
