import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { partners } from '../domain/partners/ports';
import { generate } from '../scripts/gen-adapters';

// The committed types must be what openapi-typescript makes of today's documents.
it.each(partners)('adapters/%s/generated/schema.ts is up to date (npm run gen:adapters)', (partner) => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'gen-')), 'schema.ts');
  generate(partner, out);
  expect(readFileSync(path.join(__dirname, partner, 'generated', 'schema.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
});
