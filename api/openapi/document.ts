import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { customerEndpoints } from '../endpoints/customers';
import { registerEndpoints } from './operation';
import { registerLedgerPaths } from './ledger';
import { registerTransactionPaths } from './transactions';
import { registerReturnPaths } from './returns';
import { registerConnectionPaths } from './connections';
import { registerPlatformPaths } from './platform';
import { registerSchemePaths } from './schemes';
import { registerReferralPaths } from './referrals';
import { registerMissionPaths } from './missions';
import { applyConventions } from './conventions';

/** Every operation with its zod schemas (requests and responses): the document below, and the tests' response checks, read it. */
export function hubRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'schemeId', { type: 'apiKey', in: 'header', name: 'X-Scheme' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-ApiKey' });
  registerPlatformPaths(registry);
  registerSchemePaths(registry);
  registerEndpoints(registry, customerEndpoints);
  registerLedgerPaths(registry);
  registerTransactionPaths(registry);
  registerReturnPaths(registry);
  registerConnectionPaths(registry);
  registerReferralPaths(registry);
  registerMissionPaths(registry);
  return registry;
}

/** The hub's own API description, built from the same zod schemas the handlers validate with. */
export function buildOpenApiDocument() {
  const registry = hubRegistry();
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    servers: [{ url: '/', description: 'This hub (npm start: http://localhost:3000)' }],
    info: {
      title: 'loyalty-hub',
      version: '0.1.0',
      description:
        'Post loyalty transactions once; Temporal workflows make everything else durable. ' +
        'Errors always use the Error schema. POS calls authenticate with X-Scheme + X-ApiKey; management calls with an admin bearer token.',
    },
  });
  applyConventions(doc.paths as Parameters<typeof applyConventions>[0]);
  return doc;
}
