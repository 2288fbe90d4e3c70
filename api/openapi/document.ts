import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { SESSION_COOKIE } from '../codec/session';
import { customerEndpoints } from '../endpoints/customers';
import { codecEndpoints, platformEndpoints } from '../endpoints/platform';
import { saleEndpoints } from '../endpoints/sales';
import { holdEndpoints } from '../endpoints/holds';
import { returnEndpoints } from '../endpoints/returns';
import { schemeEndpoints } from '../endpoints/schemes';
import { catalogEndpoints } from '../endpoints/catalog';
import { registerEndpoints } from './operation';
import { addResponseExamples } from './examples';
import { ledgerEndpoints } from '../endpoints/ledgers';
import { ledgerOperationEndpoints } from '../endpoints/ledger-operations';
import { connectionEndpoints } from '../endpoints/connections';
import { webhookEndpoints } from '../endpoints/webhooks';
import { referralProgramEndpoints } from '../endpoints/referral-programs';
import { missionEndpoints } from '../endpoints/missions';
import { couponBookEndpoints } from '../endpoints/coupon-books';
import { triggerEndpoints } from '../endpoints/triggers';
import { audienceEndpoints } from '../endpoints/audiences';
import { statsEndpoints } from '../endpoints/stats';
import { hubEventEndpoints } from '../endpoints/hub-events';
import { tierEndpoints } from '../endpoints/tiers';
import { consoleEndpoints } from '../endpoints/console';
import { loyalePosEndpoints } from '../endpoints/loyale-pos';
import { loyaleStoreEndpoints } from '../endpoints/loyale-stores';
import { loyaleCustomerEndpoints } from '../endpoints/loyale-customers';
import { pointOperationEndpoints } from '../endpoints/point-operations';
import { loyaltyPlusPosEndpoints, loyaltyPlusTag } from '../endpoints/loyaltyplus-pos';
import { loyaltyPlusOwnerEndpoints } from '../endpoints/loyaltyplus-owner';
import { posSettingsEndpoints } from '../endpoints/pos-settings';

/** Every operation with its zod schemas (requests and responses): the document below, and the tests' response checks, read it. */
export function hubRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'schemeId', { type: 'apiKey', in: 'header', name: 'X-Scheme' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-ApiKey' });
  registry.registerComponent('securitySchemes', 'posApiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "A scheme API key alone (Loyalty+'s POS API): the key names its scheme" });
  registry.registerComponent('securitySchemes', 'ownerBearer', {
    type: 'http',
    scheme: 'bearer',
    description: "A scheme API key issued with role owner (Loyalty+'s owner API, /v1/owner/…): the seed's admin-login JWT has no hub counterpart",
  });
  registry.registerComponent('securitySchemes', 'codecSession', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  // A partner's signature is a credential like the others: declared, so a route that checks it is not read as open.
  registry.registerComponent('securitySchemes', 'webhookSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature',
    description: `t=<unix seconds>,v1=<hex HMAC-SHA256(the connection's webhook secret, "<t>.<raw body>")>; 5 min tolerance`,
  });
  registerEndpoints(registry, platformEndpoints);
  registerEndpoints(registry, codecEndpoints);
  registerEndpoints(registry, schemeEndpoints);
  registerEndpoints(registry, customerEndpoints);
  registerEndpoints(registry, ledgerEndpoints);
  registerEndpoints(registry, ledgerOperationEndpoints);
  registerEndpoints(registry, saleEndpoints);
  registerEndpoints(registry, holdEndpoints);
  registerEndpoints(registry, catalogEndpoints);
  registerEndpoints(registry, returnEndpoints);
  registerEndpoints(registry, connectionEndpoints);
  registerEndpoints(registry, webhookEndpoints);
  registerEndpoints(registry, referralProgramEndpoints);
  registerEndpoints(registry, missionEndpoints);
  registerEndpoints(registry, couponBookEndpoints);
  registerEndpoints(registry, triggerEndpoints);
  registerEndpoints(registry, audienceEndpoints);
  registerEndpoints(registry, statsEndpoints);
  registerEndpoints(registry, hubEventEndpoints);
  registerEndpoints(registry, tierEndpoints);
  registerEndpoints(registry, consoleEndpoints);
  registerEndpoints(registry, loyalePosEndpoints);
  registerEndpoints(registry, loyaleStoreEndpoints);
  registerEndpoints(registry, loyaleCustomerEndpoints);
  registerEndpoints(registry, pointOperationEndpoints);
  registerEndpoints(registry, posSettingsEndpoints);
  registerEndpoints(registry, loyaltyPlusPosEndpoints);
  registerEndpoints(registry, loyaltyPlusOwnerEndpoints);
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
        "Errors use the Error schema, except at the seeds' paths: Loyale's (/api/…) answer LoyaleError, Loyalty+'s (/v1/pos/…, /v1/owner/…) LoyaltyPlusError. " +
        'POS calls authenticate with X-Scheme + X-ApiKey (Loyalty+ tills: X-API-Key alone; its owner API: a bearer owner-role key); management calls with an admin bearer token.',
    },
    tags: [loyaltyPlusTag],
  });
  return addResponseExamples(doc);
}
