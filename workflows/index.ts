// The worker's workflow bundle entry point: every workflow type, exported by name.
export { createCustomer } from './create-customer';
export { updateCustomer } from './update-customer';
export { applyLedgerRequest } from './apply-ledger-request';
export { expireLedgerHold } from './expire-ledger-hold';
export { recordSale } from './record-sale';
export { holdPoints } from './hold-points';
export { returnSale } from './return-sale';
export { activatePendingPoints } from './activate-pending-points';
export { dispatchPartnerSync } from './dispatch-partner-sync';
export { syncLane } from './sync-lane';
export { syncOperation } from './sync-operation';
export { applyPartnerEvent } from './apply-partner-event';
export { reconcileConnection } from './reconcile-connection';
export { pollPartnerCustomers } from './poll-partner-customers';
export { deliverHubEvent } from './deliver-hub-event';
export { referCustomer } from './refer-customer';
export { referral } from './referral';
