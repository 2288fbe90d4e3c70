import { hubFor, need } from '../api';
import { ErrorBox, Loading, Section, useLoad } from '../components';
import { points, when } from '../format';
import type { Session } from '../session';
import type { UiLinks } from '../main';
import { PointsHistory } from './points-history';
import { CustomerSales } from './customer-sales';
import { CustomerWorkflows } from './customer-workflows';

/** One customer: who they are, what they can spend, and every movement of their points. */
export function CustomerPage({ session, id, ui }: { session: Session; id: string; ui: UiLinks }) {
  const hub = hubFor(session);
  const customer = useLoad(() => need(hub.GET('/v1/customers/{id}', { params: { path: { id } } })), [id]);
  const balance = useLoad(() => need(hub.GET('/v1/customers/{id}/balance', { params: { path: { id } } })), [id]);
  const tier = useLoad(() => need(hub.GET('/v1/customers/{id}/tier', { params: { path: { id } } })), [id]);
  const workflows = useLoad(() => need(hub.GET('/v1/customers/{id}/workflows', { params: { path: { id }, query: { limit: 100 } } })), [id]);
  const c = customer.data;
  const main = balance.data?.ledgers[0];

  return (
    <main>
      <p>
        <a href="#/customers">← Customers</a>
      </p>
      <ErrorBox error={customer.error} />
      {!c && !customer.error && <Loading />}
      {c && (
        <>
          <h1>
            {c.firstName} {c.lastName} <span class={`badge ${c.status.toLowerCase()}`}>{c.status}</span>
          </h1>
          <dl class="facts">
            <dt>Email</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>Barcode</dt>
            <dd>
              <code>{c.barcode}</code>
            </dd>
            <dt>Tier</dt>
            <dd>{tier.data?.tier ? `${tier.data.tier.name} (${tier.data.source})` : '—'}</dd>
            <dt>Member since</dt>
            <dd>{when(c.createdAt)}</dd>
          </dl>
        </>
      )}
      <Section title="Balance" id="balance">
        <ErrorBox error={balance.error} />
        {main && (
          <div class="cards">
            <div class="card" data-testid="available">
              <span>Available</span>
              <strong>{points(main.available)}</strong>
            </div>
            <div class="card">
              <span>Pending (return window)</span>
              <strong>{points(main.pendingEarned)}</strong>
            </div>
            <div class="card">
              <span>Held</span>
              <strong>{points(main.held)}</strong>
            </div>
            <div class="card">
              <span>Expiring next</span>
              <strong>{main.expiring[0] ? `${points(main.expiring[0].amount)} on ${when(main.expiring[0].expiresAt)}` : '—'}</strong>
            </div>
          </div>
        )}
      </Section>
      <PointsHistory key={id} session={session} customerId={id} />
      <CustomerSales session={session} customerId={id} ui={ui} workflows={workflows.data?.data ?? []} />
      <CustomerWorkflows ui={ui} rows={workflows.data?.data ?? null} error={workflows.error} />
    </main>
  );
}
