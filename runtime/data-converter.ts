import type { DataConverter, PayloadCodec } from '@temporalio/common';

export const failureConverterPath = require.resolve('../workflows/failure-converter');

/** What every client and worker of the hub converts payloads with: the encryption codec and encoded failure attributes. */
export function hubDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath };
}
