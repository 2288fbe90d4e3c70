import { readdirSync, readFileSync } from 'node:fs';

/** Linux /proc readings for benchmarks and fault tests: a process and everything it started. */

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, and the same for reaped children, in clock ticks. */
  own: number;
  reaped: number;
}

// USER_HZ is 100 on every Linux the hub targets (getconf CLK_TCK).
const TICK_MS = 10;

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
  } catch {
    return null;
  }
}

function all(): Stat[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => stat(Number(d)))
    .filter((s): s is Stat => s !== null);
}

/** The process and its live descendants. */
export function processTree(root: number): number[] {
  const stats = all();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  return [...tree].filter((pid) => stats.some((s) => s.pid === pid));
}

/**
 * CPU milliseconds a process tree has used so far: each live process's own
 * time, plus what its exited children used (counted by the parent that reaped
 * them, e.g. PostgreSQL backends by the postmaster).
 */
export function treeCpuMillis(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const s = stat(pid);
    if (s) ticks += s.own + s.reaped;
  }
  return ticks * TICK_MS;
}

/** SIGSTOP / SIGCONT a whole tree (a paused PostgreSQL is its postmaster and every backend). */
export function signalTree(root: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
}
