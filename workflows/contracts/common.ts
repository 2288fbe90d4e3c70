/** What several workflows' inputs share. */

/**
 * Set by the API on every start since the one-step operations: the workflow
 * takes the one-step path. Versioning by input rather than `patched()`: the
 * input never changes for an execution (so the choice is deterministic), and
 * a patch would cost every sale a search-attribute write on the server
 * (TemporalChangeVersion) — measured at ≈ 2–3 ms of Temporal CPU per sale
 * here. Executions started before have no flag and replay their old path.
 */
export interface OneStep {
  oneStep?: true;
}

/** Who and where a POS request is for, and its idempotency identity. */
export interface PosRequestIdentity {
  schemeId: string;
  uniqueId: string;
  requestHash: string;
  customerId?: string;
  customerBarcode?: string;
  outletId: string;
}
