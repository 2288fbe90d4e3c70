// `npm run openapi:export` (npx tsx scripts/openapi-export.ts): the hub's OpenAPI document and what is made from it,
// committed so that reviewers see API changes as diffs and clients need no running hub:
//   openapi/openapi.json                                   the document (npm run lint:openapi: `redocly lint`)
//   clients/typescript/schema.d.ts                          its types, for @loyalty-hub/client (openapi-typescript)
//   clients/postman/loyalty-hub.postman_collection.json    a Postman collection
// api/openapi/document.test.ts fails when any of them is stale.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../api/openapi/document';
import { postmanCollection, type OpenApi } from '../api/openapi/postman';

const root = path.resolve(__dirname, '..');
const generator = path.join(root, 'node_modules/.bin/openapi-typescript');

export const outputs = {
  document: 'openapi/openapi.json',
  clientSchema: 'clients/typescript/schema.d.ts',
  postman: 'clients/postman/loyalty-hub.postman_collection.json',
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Writes the three files under `dir` (the repository, or a test's scratch directory). */
export function exportOpenApi(dir: string = root): void {
  const doc = buildOpenApiDocument();
  const at = (file: string) => path.join(dir, file);
  write(at(outputs.document), json(doc));
  write(at(outputs.postman), json(postmanCollection(doc as unknown as OpenApi)));
  mkdirSync(path.dirname(at(outputs.clientSchema)), { recursive: true });
  // Away from the repository's redocly.yaml, which openapi-typescript would lint with: the gate is `npm run lint:openapi`,
  // and a document it refuses must still be exported, to be read and fixed.
  execFileSync(generator, [at(outputs.document), '--output', at(outputs.clientSchema)], { cwd: path.dirname(at(outputs.clientSchema)), stdio: ['ignore', 'ignore', 'inherit'] });
}

if (require.main === module) {
  // `--out <dir>`: write there instead (npm run lint:openapi lints a fresh export in .data/, leaving the committed
  // files as they are, so the staleness test still sees a document that was not re-exported).
  const at = process.argv.indexOf('--out');
  const dir = at > 0 ? path.resolve(process.argv[at + 1] ?? '') : root;
  exportOpenApi(dir);
  for (const file of Object.values(outputs)) console.log(path.relative(root, path.join(dir, file)));
}
