/** Points are integer strings (bigint-safe): grouped for reading, never turned into floats. */
export function points(value: string | number): string {
  const s = String(value);
  const negative = s.startsWith('-');
  const digits = negative ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `−${grouped}` : grouped;
}

/** A signed change: +120 or −50. */
export function signed(value: string | number): string {
  const s = String(value);
  return s.startsWith('-') || s === '0' ? points(s) : `+${points(s)}`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** The Temporal Web UI page of a workflow (null when the hub knows no UI to link to). */
export function workflowUrl(ui: { temporalUiUrl: string | null; namespace: string } | null, workflowId: string, runId?: string): string | null {
  if (!ui?.temporalUiUrl) return null;
  const base = `${ui.temporalUiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
