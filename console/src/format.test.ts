import { points, signed, workflowUrl } from './format';

describe('console formatting', () => {
  it('groups integer strings exactly, beyond what a float holds', () => {
    expect(points('1234567')).toBe('1,234,567');
    expect(points('-1000')).toBe('−1,000');
    expect(points('18446744073709551615')).toBe('18,446,744,073,709,551,615');
    expect(points(0)).toBe('0');
  });

  it('signs changes', () => {
    expect(signed('120')).toBe('+120');
    expect(signed('-50')).toBe('−50');
    expect(signed('0')).toBe('0');
  });

  it('links a workflow into the Temporal Web UI, escaping its id', () => {
    expect(workflowUrl({ temporalUiUrl: 'http://localhost:8233/', namespace: 'default' }, 'sale/s1/u 1', 'r1')).toBe('http://localhost:8233/namespaces/default/workflows/sale%2Fs1%2Fu%201/r1/history');
    expect(workflowUrl({ temporalUiUrl: null, namespace: 'default' }, 'x')).toBeNull();
  });
});
