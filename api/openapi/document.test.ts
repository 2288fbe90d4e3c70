import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportOpenApi, outputs } from '../../scripts/openapi-export';
import { buildOpenApiDocument } from './document';
import { dialectOfPath } from '../dialects';

type Op = { operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Op>>; servers?: unknown[] };
const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

describe('the OpenAPI document', () => {
  it('names every operation once, and names nothing that is not documented', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it('keeps every published operationId: generated clients call operations by these names', () => {
    // Adding an operation adds its name here; renaming or dropping one breaks clients and needs a deprecation instead.
    const published = [
    'applyLedgerBatch', 'burnPoints', 'captureHolds', 'createConnection', 'createCoupon', 'createCustomer',
    'createEventType', 'createGiftCard', 'createLedger', 'createLedgerAccount', 'createMission', 'createOutlet',
    'createReferralProgram', 'createScheme', 'decodePayloads', 'deleteConnection', 'encodePayloads',
    'ensureCustomerWallet', 'getApiDocs', 'getCodecSignIn', 'getConnection', 'getCoupon', 'getCustomer',
    'getCustomerBalance', 'getCustomerReferral', 'getGiftCard', 'getHold', 'getLedger', 'getLedgerAccount',
    'getLiveness', 'getMetrics', 'getMission', 'getOpenApiDocument', 'getPointRules', 'getReadiness',
    'getReconciliation', 'getReferralProgram', 'getReferralReport', 'getSale', 'getSaleStatus', 'getScheme',
    'getSyncRecord', 'getWallet', 'incrementMission', 'issueApiKey', 'issueReferralCodes', 'listApiKeys',
    'listConnections', 'listCustomerEvents', 'listCustomerLots', 'listPointsHistory', 'listTiers', 'createTier', 'getTier', 'updateTier', 'getCustomerTier', 'setCustomerTier', 'listCustomerTierHistory', 'loyaleListLevels', 'loyaleGetLevel', 'listCustomerMissions', 'listCustomerSales', 'listCustomers',
    'listEventTypes', 'listLedgerAccounts', 'listLedgerTransactions', 'listLedgers', 'listMissions', 'listOutlets',
    'listReferralCodes', 'listReferralPrograms', 'listReferredCustomers', 'listSyncRecords', 'listWebhookEvents',
    'loyaleCreateOnHold', 'loyaleGetTransactionStatus', 'loyalePostTransaction', 'loyaleRedeemOnHold',
    'loyaleRemoveOnHold', 'loyaleReturnCustom', 'loyaleReturnFull', 'loyaleReturnLineItem', 'mintPoints',
    'placeHold', 'postSale', 'putPointRules', 'receivePartnerWebhook', 'reconcileConnection', 'redeemHold',
    'referCustomer', 'removeHold', 'retrySync', 'returnCustom', 'returnSaleFully', 'returnSaleLines',
    'revertLedgerTransaction', 'revokeApiKey', 'rotateWebhookSecret', 'startCodecSession', 'testMissionMatcher',
    'trackEvent', 'transferPoints', 'updateConnection', 'updateCustomer', 'updateLedger', 'updateLedgerAccount',
    'updateMission', 'updateReferralProgram', 'verifyLedger', 'voidHolds',
    'listSchemes', 'getConsoleSettings', 'listCustomerWorkflows',
    'loyaleGetUserInformation', 'loyaleGetCouponInformation', 'loyaleListUpdatedCustomers', 'loyaleGetPointBalance',
    'loyaleGetGainRate', 'loyaleGetScheme', 'loyaleListStores', 'loyaleListLocations', 'loyaleGetStore', 'loyaleGetLocation',
    'adjustCustomerPoints', 'loyalePostTopUp',
    'loyaleRegisterCustomer', 'loyaleGetCustomer', 'loyaleModifyCustomer', 'loyaleHoldCustomer',
    'getPosSettings', 'putPosSettings', 'loyaltyPlusCheckin', 'loyaltyPlusGetCustomer', 'loyaltyPlusGetBalance', 'loyaltyPlusRedeem',
    'loyaltyPlusCreateCustomer', 'loyaltyPlusListCustomers', 'loyaltyPlusGetCustomerDetails', 'loyaltyPlusUpdateCustomer',
    'loyaltyPlusAdjustPoints', 'loyaltyPlusDeleteCustomer',
    'listCouponBooks', 'createCouponBook', 'getCouponBook', 'updateCouponBook', 'addCouponCodes', 'listCouponCodes',
    'assignCouponCodes', 'useCouponCode', 'revertCouponUsage', 'listMemberCouponBooks', 'listMemberCoupons', 'memberCouponCounts',
    'listEventTriggers', 'createEventTrigger', 'getEventTrigger', 'updateEventTrigger', 'deleteEventTrigger', 'listTriggerDeliveries', 'redeliverTriggerDelivery', 'rotateEventTriggerSecret',
    'listAudiences', 'createAudience', 'getAudience', 'updateAudience', 'checkAudience', 'listMemberAudiences',
    'memberCreationStats', 'eventTypeStats', 'ledgerAccountStats', 'missionStats', 'missionTopMembers', 'couponBookStats',
    ];
    expect(ops.map((o) => o.op.operationId).sort()).toEqual(published.sort());
  });

  it('says which routes are public (security: []) and documents 401 on every other', () => {
    for (const { key, op } of ops) {
      expect({ key, hasSecurity: Array.isArray(op.security) }).toEqual({ key, hasSecurity: true });
      if (op.security?.length) expect({ key, has401: '401' in op.responses }).toEqual({ key, has401: true });
    }
  });

  it("gives every error answer its dialect's error schema, and every operation at least one 4xx or 5xx", () => {
    const schemaOf = { hub: 'Error', loyale: 'LoyaleError', loyaltyplus: 'LoyaltyPlusError' };
    for (const { key, op } of ops) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      if (!['GET /healthz', 'GET /metrics', 'GET /openapi.json', 'GET /docs', 'GET /codec'].includes(key)) expect({ key, errors: errors.length > 0 }).toEqual({ key, errors: true });
      const expected = `#/components/schemas/${schemaOf[dialectOfPath(key.split(' ')[1] as string)]}`;
      for (const [status, response] of errors) expect({ key, status, schema: response.content?.['application/json']?.schema?.$ref }).toEqual({ key, status, schema: expected });
    }
  });

  it('names a server', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});

describe('the committed OpenAPI files', () => {
  // openapi/openapi.json, the client's schema.d.ts and the Postman collection are committed for those who read or
  // call the API without running the hub; each must be what today's declarations make.
  const fresh = mkdtempSync(path.join(tmpdir(), 'openapi-'));
  beforeAll(() => exportOpenApi(fresh));
  const root = path.resolve(__dirname, '../..');
  const read = (dir: string, file: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : '(missing)');

  it.each(Object.values(outputs))('%s is up to date', (file) => {
    const [committed, expected] = [read(root, file), read(fresh, file)];
    if (committed === expected) return;
    const line = committed.split('\n').findIndex((text, i) => text !== expected.split('\n')[i]) + 1;
    throw new Error(`${file} is stale (first difference at line ${line}): run \`npm run openapi:export\` and commit the files it writes.`);
  });

  it('openapi/openapi.json is the document the hub serves at /openapi.json', () => {
    const committed: unknown = JSON.parse(read(root, outputs.document).replace('(missing)', 'null'));
    if (JSON.stringify(committed) !== JSON.stringify(buildOpenApiDocument())) throw new Error('openapi/openapi.json differs from buildOpenApiDocument(): run `npm run openapi:export`.');
  });
});
