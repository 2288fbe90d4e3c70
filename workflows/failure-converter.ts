import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded payload, so the
 * payload codec encrypts them like any input or result: a refusal's message
 * can quote what the customer sent.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
