import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../runtime/payload-codec';
import type { Harness } from './harness';
import { testEnv, testPayloadKeys } from './test-env';

type JsonPayload = { metadata: Record<string, string>; data?: string };

/** The run's payload key is thrown away with the run: a recording keeps its payloads opened, as the other recordings do. */
async function opened(value: unknown, codec: EncryptionCodec): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    const p = v as JsonPayload;
    if (p && typeof p === 'object' && p.metadata && typeof p.metadata === 'object' && typeof p.metadata.encoding === 'string') {
      const payload: Payload = { metadata: Object.fromEntries(Object.entries(p.metadata).map(([mk, mv]) => [mk, Buffer.from(mv, 'base64')])), data: Buffer.from(p.data ?? '', 'base64') };
      const [plain] = await codec.decode([payload]);
      o[k] = { metadata: Object.fromEntries(Object.entries(plain?.metadata ?? {}).map(([mk, mv]) => [mk, Buffer.from(mv as Uint8Array).toString('base64')])), data: Buffer.from(plain?.data ?? new Uint8Array()).toString('base64') };
    } else await opened(v, codec);
  }
}

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history (the CLI's JSON export, as ops download it from the
 * Web UI) into test/histories for test/replay.test.ts; otherwise does nothing. For workflows recorded by the test
 * that exercises them rather than by the replay test's own scenario.
 */
export async function recordHistory(h: Harness, workflowId: string, file: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const { runId } = await h.client.workflow.getHandle(workflowId).describe();
  await saveHistory(workflowId, runId, file);
}

/** One run's history, exported by the CLI with its payloads opened, as test/histories/<file>. */
export async function saveHistory(workflowId: string, runId: string, file: string): Promise<void> {
  const env = testEnv();
  const json = execFileSync(env.temporalCliPath, ['workflow', 'show', '--address', env.temporalAddress, '--workflow-id', workflowId, '--run-id', runId, '--output', 'json']);
  const history: unknown = JSON.parse(json.toString('utf8'));
  await opened(history, new EncryptionCodec(testPayloadKeys()));
  writeFileSync(path.join(__dirname, '..', 'histories', file), JSON.stringify(history, null, 2) + '\n');
}
