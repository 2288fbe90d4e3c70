// `npm run gen:adapters`: TypeScript types for each partner's OpenAPI document,
// written to adapters/<partner>/generated/schema.ts (committed; a test fails when stale).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { partners } from '../domain/partners/ports';

export const generator = path.resolve(__dirname, '../node_modules/.bin/openapi-typescript');

export function generate(partner: string, output: string): void {
  const spec = path.resolve(__dirname, `../adapters/${partner}/openapi.yaml`);
  // Run beside the partner's document: openapi-typescript lints with a redocly.yaml in its working directory, and the
  // repository's is the hub document's gate (npm run lint:openapi), not a judgement on partners' documents.
  execFileSync(generator, [spec, '--output', output], { cwd: path.dirname(spec), stdio: ['ignore', 'ignore', 'inherit'] });
}

if (require.main === module) {
  for (const partner of partners) {
    generate(partner, path.resolve(__dirname, `../adapters/${partner}/generated/schema.ts`));
    console.log(`adapters/${partner}/generated/schema.ts`);
  }
}
