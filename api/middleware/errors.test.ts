import { errorTypes } from '../../domain/errors';
import { statusByType } from './errors';

it('maps every error type to a status, business failures to 4xx', () => {
  for (const type of errorTypes) expect(statusByType[type]).toBeGreaterThanOrEqual(400);
  expect(statusByType.validation_failed).toBe(400);
  expect(statusByType.unauthorized).toBe(401);
  expect(statusByType.forbidden).toBe(403);
  expect(statusByType.not_found).toBe(404);
  expect(statusByType.conflict).toBe(409);
  expect(statusByType.business_rule_violated).toBe(422);
  expect(statusByType.dependency_unavailable).toBe(503);
});
