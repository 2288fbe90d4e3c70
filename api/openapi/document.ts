import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerCustomerPaths } from './customers';
import { registerLedgerPaths } from './ledger';
import { registerTransactionPaths } from './transactions';
import { registerReturnPaths } from './returns';
import { registerConnectionPaths } from './connections';
import { registerPlatformPaths } from './platform';
import { registerSchemePaths } from './schemes';
import { registerReferralPaths } from './referrals';
import { registerMissionPaths } from './missions';

/** The hub's own API description, built from the same zod schemas the handlers validate with. */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'schemeId', { type: 'apiKey', in: 'header', name: 'X-Scheme' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-ApiKey' });
  registerPlatformPaths(registry);
  registerSchemePaths(registry);
  registerCustomerPaths(registry);
  registerLedgerPaths(registry);
  registerTransactionPaths(registry);
  registerReturnPaths(registry);
  registerConnectionPaths(registry);
  registerReferralPaths(registry);
  registerMissionPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'loyalty-hub',
      version: '0.1.0',
      description:
        'Post loyalty transactions once; Temporal workflows make everything else durable. ' +
        'Errors always use the Error schema. POS calls authenticate with X-Scheme + X-ApiKey; management calls with an admin bearer token.',
    },
  });
}
