import { buildOpenApiDocument } from './document';

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
    ];
    expect(ops.map((o) => o.op.operationId).sort()).toEqual(published.sort());
  });

  it('says which routes are public (security: []) and documents 401 on every other', () => {
    for (const { key, op } of ops) {
      expect({ key, hasSecurity: Array.isArray(op.security) }).toEqual({ key, hasSecurity: true });
      if (op.security?.length) expect({ key, has401: '401' in op.responses }).toEqual({ key, has401: true });
    }
  });

  it('gives every error answer the Error schema, and every operation at least one 4xx or 5xx', () => {
    for (const { key, op } of ops) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      if (!['GET /healthz', 'GET /metrics', 'GET /openapi.json', 'GET /docs', 'GET /codec'].includes(key)) expect({ key, errors: errors.length > 0 }).toEqual({ key, errors: true });
      for (const [status, response] of errors) expect({ key, status, schema: response.content?.['application/json']?.schema?.$ref }).toEqual({ key, status, schema: '#/components/schemas/Error' });
    }
  });

  it('names a server', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});
