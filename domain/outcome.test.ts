import { ConflictError, HubError } from './errors';
import { isOutcome, refusalError, refusalOf, unwrap } from './outcome';

describe('outcomes', () => {
  it('carries a refusal through and back as the same HubError', () => {
    const refusal = refusalOf(new ConflictError('taken', [{ path: 'email', message: 'already taken' }]));
    expect(refusal).toEqual({ type: 'conflict', message: 'taken', details: [{ path: 'email', message: 'already taken' }] });
    const back = refusalError(refusal);
    expect(back).toBeInstanceOf(HubError);
    expect(back).toMatchObject({ type: 'conflict', message: 'taken' });
  });

  it('unwraps a completed outcome, throws a refused one, and passes an older bare value through', () => {
    expect(unwrap({ outcome: 'completed', value: 7 })).toBe(7);
    expect(() => unwrap({ outcome: 'refused', refusal: { type: 'business_rule_violated', message: 'no', details: [] } })).toThrow('no');
    expect(unwrap({ status: 'COMPLETED' })).toEqual({ status: 'COMPLETED' });
  });

  it('recognises only well-formed outcomes', () => {
    expect(isOutcome({ outcome: 'completed', value: 1 })).toBe(true);
    expect(isOutcome({ outcome: 'refused', refusal: { type: 'conflict' } })).toBe(true);
    expect(isOutcome({ outcome: 'refused', refusal: { type: 'made_up' } })).toBe(false);
    expect(isOutcome({ outcome: 'other' })).toBe(false);
    expect(isOutcome(null)).toBe(false);
    expect(isOutcome('completed')).toBe(false);
  });
});
