import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { ErrorBox } from './components';

/**
 * Edits a JSON document the hub validates: the hub's own schema is the
 * validation (its answer names each field that is wrong), so the console
 * cannot drift from the API's rules. Bad JSON is caught here first.
 */
export function JsonEditor({ label, value, save }: { label: string; value: unknown; save: (body: unknown) => Promise<unknown> }) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setText(JSON.stringify(value, null, 2)), [value]);

  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      setError(new ApiError(0, 'malformed_json', `Not valid JSON: ${(err as Error).message}`));
      return;
    }
    try {
      const result = await save(body);
      setText(JSON.stringify(result, null, 2));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="editor" onSubmit={submit} aria-label={label}>
      <textarea name="json" rows={Math.min(30, text.split('\n').length + 2)} spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <button type="submit">Save</button>
        {saved && (
          <span class="ok" role="status">
            Saved
          </span>
        )}
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

/** What the hub writes itself: left out of what an operator edits. */
export function editable(view: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, schemeId: _s, createdAt: _c, updatedAt: _u, referredCount: _r, ...rest } = view;
  return rest;
}
