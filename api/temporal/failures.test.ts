import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { failureReason } from './failures';

const failed = (cause: Error) => new WorkflowFailedError('Workflow execution failed', cause, RetryState.NON_RETRYABLE_FAILURE);
const inActivity = (cause: Error) => new ActivityFailure('Activity task failed', 'postSale', 'act-1', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause);

describe('failureReason', () => {
  it("gives a typed failure's own code and message", () => {
    const typed = ApplicationFailure.create({ type: 'validation_failed', message: 'A value in the request cannot be stored (number out of range)', nonRetryable: true });
    expect(failureReason(failed(inActivity(typed)))).toEqual({ code: 'validation_failed', message: 'A value in the request cannot be stored (number out of range)' });
  });

  it('never leaves FAILED without a reason: an untyped failure gives its innermost message', () => {
    const timeout = new TimeoutFailure('Activity task timed out', undefined, 'SCHEDULE_TO_CLOSE');
    expect(failureReason(failed(inActivity(timeout)))).toEqual({ code: 'internal_error', message: 'The operation failed: Activity task timed out; quote the uniqueId when reporting it' });
    expect(failureReason(new Error('')).message).toMatch(/^The operation failed; quote/);
  });
});
