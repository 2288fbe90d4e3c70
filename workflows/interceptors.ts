import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** The header that carries the API request a workflow serves to its activities' log lines. */
export const REQUEST_ID_HEADER = 'hub-request-id';

/**
 * Every activity a workflow schedules carries the id of the request that
 * started the workflow (the start's memo, set by api/temporal/workflow-starter.ts),
 * so the activity's log lines can be joined to the request's.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const requestId = (): Headers => {
    const id = workflowInfo().memo?.requestId;
    return typeof id === 'string' ? { [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(id) } : {};
  };
  return {
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: { ...input.headers, ...requestId() } }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: { ...input.headers, ...requestId() } }),
      },
    ],
  };
};
