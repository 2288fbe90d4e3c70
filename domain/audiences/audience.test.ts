import type { Matcher } from '../missions/matcher';
import { admitted, inAudience, type MemberProfile } from './audience';

const member: MemberProfile = { id: 'c-1', status: 'ACTIVE', createdAt: '2026-01-01T00:00:00.000Z', tier: { id: 't-gold', name: 'Gold' }, balance: 250, purchases: 3, lastPurchaseAt: '2026-12-01T10:00:00.000Z', events: 5, customAttributes: { segment: 'student' } };
const rich = { key: 'rich', rule: { '>=': [{ var: 'balance' }, 200] } as Matcher };
const gold = { key: 'gold', rule: { '==': [{ var: 'tier.name' }, 'Gold'] } as Matcher };
const regulars = { key: 'regulars', rule: { '>=': [{ var: 'purchases' }, 10] } as Matcher };

describe('audiences', () => {
  it("reads the scheme's custom attributes", () => {
    const students = { key: 'students', rule: { '==': [{ var: 'customAttributes.segment' }, 'student'] } as Matcher };
    expect(inAudience(students, member)).toBe(true);
    expect(inAudience(students, { ...member, customAttributes: {} })).toBe(false);
  });

  it('reads balance, tier and activity counters', () => {
    expect(inAudience(rich, member)).toBe(true);
    expect(inAudience(rich, { ...member, balance: 199 })).toBe(false);
    expect(inAudience(gold, { ...member, tier: null })).toBe(false);
    expect(inAudience(regulars, member)).toBe(false);
  });

  it('admits to what names no audience, or when the member is in one of those it names', () => {
    expect(admitted([], [], member)).toBe(true);
    expect(admitted(['regulars', 'gold'], [rich, gold, regulars], member)).toBe(true);
    expect(admitted(['regulars'], [rich, gold, regulars], member)).toBe(false);
    // A key no audience has admits nobody (a deleted audience closes the offer rather than opening it).
    expect(admitted(['gone'], [rich], member)).toBe(false);
  });
});
