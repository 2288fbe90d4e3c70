import { z } from 'zod';

export const ConsoleSettings = z
  .object({
    temporalUiUrl: z.string().nullable().meta({ description: "The Temporal Web UI's base URL, for links to workflows (null when none is known)" }),
    namespace: z.string(),
  })
  .meta({ id: 'ConsoleSettings' });

export const CustomerWorkflow = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    type: z.string().meta({ description: 'recordSale, holdPoints, returnSale, …' }),
    status: z.string().meta({ description: 'RUNNING, COMPLETED, FAILED, TERMINATED, …' }),
    startedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    uniqueId: z.string().nullable(),
    outcome: z.array(z.string()).nullable().meta({ description: "['refused', type] when the workflow answered with a refusal" }),
  })
  .meta({ id: 'CustomerWorkflow' });
