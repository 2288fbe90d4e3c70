import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../../domain/errors';
import type { Access, Endpoints, EndpointSpec, Handlers } from './endpoint';

/** The guard chain of each access a router serves; an endpoint whose access has none is refused at mount time, never served open. */
export type Guards = Partial<Record<Access, RequestHandler[]>>;

/** Express's form of an OpenAPI path: `/v1/customers/{id}` → `/v1/customers/:id`. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

type Issue = { path: string; message: string };

function check(schema: z.ZodType | undefined, data: unknown, where: string, issues: Issue[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message });
  return undefined;
}

/** Parses every declared part of the request; all issues of all parts become one ValidationError. */
function parseRequest(spec: EndpointSpec, req: Request) {
  const issues: Issue[] = [];
  const r = spec.request ?? {};
  const parts = {
    params: check(r.params, req.params, 'params', issues),
    query: check(r.query, req.query, 'query', issues),
    headers: check(r.headers, req.headers, 'headers', issues),
    body: check(r.body, req.body, 'body', issues),
  };
  if (issues.length > 0) throw new ValidationError('Invalid request', issues);
  return parts;
}

/**
 * Mounts a feature's endpoints on a router: at the declared path and each
 * alias, behind the guards of the declared access, with the request parsed by
 * the declared schemas before the handler runs.
 */
export function mount<E extends Endpoints>(router: Router, guards: Guards, declared: E, handlers: Handlers<E>): Router {
  for (const [operationId, spec] of Object.entries(declared)) {
    const handler = handlers[operationId as keyof E] as (input: unknown) => unknown;
    const run: RequestHandler = async (req: Request, res: Response) => {
      const reply = (await handler({ ...parseRequest(spec, req), req, res })) as { status?: number; body: unknown } | undefined;
      if (reply) res.status(reply.status ?? 200).json(reply.body);
    };
    const guard = guards[spec.access];
    if (!guard) throw new Error(`${operationId}: no guards for access "${spec.access}"`);
    for (const path of [spec.path, ...(spec.aliases ?? []).map((a) => a.path)]) {
      router[spec.method](expressPath(path), ...guard, run);
    }
  }
  return router;
}
