import { useRef, useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { Empty, ErrorBox, Loading, Section, useLoad } from '../components';
import { points, signed, when } from '../format';
import type { Session } from '../session';

const reasons = ['sale', 'return', 'hold', 'redemption', 'referral', 'mission', 'adjustment', 'expiry'] as const;
type Reason = (typeof reasons)[number];
type Line = Awaited<ReturnType<typeof loadPage>>['data'][number];

function loadPage(session: Session, id: string, filter: { reason: Reason | ''; from: string; to: string }, cursor?: string) {
  const query = {
    limit: 50,
    ...(filter.reason ? { reason: filter.reason } : {}),
    ...(filter.from ? { from: new Date(`${filter.from}T00:00:00Z`).toISOString() } : {}),
    ...(filter.to ? { to: new Date(`${filter.to}T00:00:00Z`).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
  };
  return need(hubFor(session).GET('/v1/customers/{id}/points-history', { params: { path: { id }, query } }));
}

/** The points history: signed amounts, reason and the available balance after each line, newest first. */
export function PointsHistory({ session, customerId }: { session: Session; customerId: string }) {
  const [filter, setFilter] = useState<{ reason: Reason | ''; from: string; to: string }>({ reason: '', from: '', to: '' });
  const [more, setMore] = useState<{ lines: Line[]; cursor: string | null } | null>(null);
  const first = useLoad(() => loadPage(session, customerId, filter), [customerId, filter.reason, filter.from, filter.to]);
  const [error, setError] = useState<unknown>(null);
  // Bumped by every filter change: an older page still on its way is dropped, not appended to the new filter's lines.
  const generation = useRef(0);
  const lines = [...(first.data?.data ?? []), ...(more?.lines ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const set = (patch: Partial<typeof filter>) => {
    generation.current += 1;
    setMore(null);
    setError(null);
    setFilter({ ...filter, ...patch });
  };

  async function loadMore() {
    if (!cursor) return;
    const mine = generation.current;
    try {
      const page = await loadPage(session, customerId, filter, cursor);
      if (mine !== generation.current) return;
      setError(null);
      setMore((prev) => ({ lines: [...(prev?.lines ?? []), ...page.data], cursor: page.nextCursor }));
    } catch (err) {
      if (mine === generation.current) setError(err);
    }
  }

  return (
    <Section title="Points history" id="history">
      <form class="row" aria-label="Filter the history" onSubmit={(e) => e.preventDefault()}>
        <select name="reason" aria-label="Reason" value={filter.reason} onChange={(e) => set({ reason: (e.target as HTMLSelectElement).value as Reason | '' })}>
          <option value="">Every reason</option>
          {reasons.map((r) => (
            <option value={r}>{r}</option>
          ))}
        </select>
        <label>
          From <input type="date" name="from" value={filter.from} onChange={(e) => set({ from: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          Before <input type="date" name="to" value={filter.to} onChange={(e) => set({ to: (e.target as HTMLInputElement).value })} />
        </label>
      </form>
      <ErrorBox error={first.error ?? error} />
      {!first.data && !first.error && <Loading />}
      {first.data && lines.length === 0 && <Empty>No points movements{filter.reason ? ` for ${filter.reason}` : ''}.</Empty>}
      {lines.length > 0 && (
        <table class="history">
          <thead>
            <tr>
              <th>When</th>
              <th>Reason</th>
              <th>Description</th>
              <th class="num">Points</th>
              <th class="num">Available after</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr data-reason={l.reason}>
                <td>{when(l.at)}</td>
                <td>
                  <span class={`badge ${l.reason}`}>{l.reason}</span>
                </td>
                <td>{l.description}</td>
                <td class={`num ${l.amount.startsWith('-') ? 'neg' : 'pos'}`}>{signed(l.amount)}</td>
                <td class="num">{points(l.balance)}</td>
                <td>{l.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="secondary" onClick={() => void loadMore()}>
          Older lines
        </button>
      )}
    </Section>
  );
}
