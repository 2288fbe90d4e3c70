import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { REQUEST_ID_HEADER } from '../workflows/interceptors';

/**
 * Activity log lines: the request id the workflow passed down (workflows/interceptors.ts) on every line, and the
 * task token — a credential that completes the activity — only at debug, once per attempt.
 */
export const activityLogInterceptors: ActivityInterceptorsFactory = (ctx) => {
  let requestId: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        const header = input.headers[REQUEST_ID_HEADER];
        if (header) {
          try {
            requestId = defaultPayloadConverter.fromPayload<string>(header);
          } catch {
            requestId = undefined;
          }
        }
        ctx.log.debug('activity attempt', { taskToken: ctx.info.base64TaskToken });
        return next(input);
      },
    },
    outbound: {
      getLogAttributes(input, next) {
        const { taskToken: _token, ...attributes } = next(input);
        return requestId ? { ...attributes, requestId } : attributes;
      },
    },
  };
};
