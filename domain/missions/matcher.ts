import jsonLogic, { type RulesLogic } from 'json-logic-js';

/**
 * Matchers are JSON Logic (jsonlogic.com) rules over an event's payload, e.g.
 * `{ ">=": [{ "var": "totalMinor" }, 2000] }` or "a line in category Coffee":
 * `{ "some": [{ "var": "lines" }, { "==": [{ "var": "category" }, "Coffee"] }] }`.
 * A well-known, side-effect-free rule language rather than a home-made parser.
 */
export type Matcher = RulesLogic;

// `log` would write event payloads (customer data) to stdout from a rule; nothing else in the library has effects.
jsonLogic.rm_operation('log');

/** Whether the payload satisfies the matcher; no matcher matches everything. JSON Logic truthiness decides. */
export function matches(matcher: Matcher | null | undefined, payload: Record<string, unknown>): boolean {
  if (matcher === null || matcher === undefined) return true;
  const result: unknown = jsonLogic.apply(matcher, payload);
  return jsonLogic.truthy(result);
}

/**
 * How much one event advances a mission: 1, or what the mission's `incrementBy`
 * rule computes from the payload (e.g. `{ "var": "quantity" }`). Anything but a
 * non-negative whole number counts as 0: a payload cannot move a counter
 * backwards or by fractions.
 */
export function incrementOf(incrementBy: Matcher | null | undefined, payload: Record<string, unknown>): bigint {
  if (incrementBy === null || incrementBy === undefined) return 1n;
  const value: unknown = jsonLogic.apply(incrementBy, payload);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return BigInt(value);
  return 0n;
}

/** Why a rule cannot be used (unknown operation, malformed), or null. Checked by evaluating it once on an empty payload. */
export function matcherProblem(rule: unknown): string | null {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return 'must be a JSON Logic rule (an object)';
  try {
    jsonLogic.apply(rule as Matcher, {});
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
