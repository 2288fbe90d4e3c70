import { matcherProblem } from './matcher';
import type { MissionInput } from './types';

/** A mission's settings that cannot be stored as given (path → reason). */
export function missionProblems(m: MissionInput): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (m.validFrom && m.validTo && Date.parse(m.validFrom) >= Date.parse(m.validTo)) problems.push({ path: 'body.validTo', message: 'must be after validFrom' });
  if ((m.periodLimit == null) !== (m.repetitionPeriod == null)) problems.push({ path: 'body.periodLimit', message: 'periodLimit and repetitionPeriod go together' });
  if (m.eventType === 'mission-counter-incremented') problems.push({ path: 'body.eventType', message: 'manual increments target a mission directly' });
  for (const field of ['matcher', 'incrementBy'] as const) {
    const rule = m[field];
    if (rule == null) continue;
    const problem = matcherProblem(rule);
    if (problem) problems.push({ path: `body.${field}`, message: problem });
  }
  return problems;
}
