import { useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { Empty, ErrorBox } from '../components';
import type { Session } from '../session';

type By = 'barcode' | 'email' | 'phone';
type Found = Awaited<ReturnType<typeof search>>;

function search(session: Session, by: By, value: string) {
  return need(hubFor(session).GET('/v1/customers', { params: { query: { [by]: value, limit: 20 } } }));
}

/** Find a customer by barcode, email or phone, as the till or the shop knows them. */
export function Customers({ session }: { session: Session }) {
  const [by, setBy] = useState<By>('email');
  const [value, setValue] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      setFound(await search(session, by, value.trim()));
    } catch (err) {
      setFound(null);
      setError(err);
    }
  }

  return (
    <main>
      <h1>Customers</h1>
      <form class="row" onSubmit={submit} aria-label="Find a customer">
        <select name="by" value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value as By)} aria-label="Search by">
          <option value="email">Email</option>
          <option value="phone">Phone</option>
          <option value="barcode">Barcode</option>
        </select>
        <input name="q" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} placeholder="maria@example.com, +35699123456 or a barcode" required />
        <button type="submit">Find</button>
      </form>
      <ErrorBox error={error} />
      {found && found.data.length === 0 && <Empty>No customer with that {by}.</Empty>}
      {found && found.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Phone</th>
              <th>Barcode</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {found.data.map((c) => (
              <tr>
                <td>
                  <a href={`#/customers/${c.id}`}>
                    {c.firstName} {c.lastName}
                  </a>
                </td>
                <td>{c.email}</td>
                <td>{c.phone}</td>
                <td>
                  <code>{c.barcode}</code>
                </td>
                <td>{c.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
