import type { Request, RequestHandler, Response, Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { check, type Issue } from '../validation';
import type { Access, Endpoints, EndpointSpec, Handlers } from './endpoint';
import type { RouteTable } from '../route-table';
import { dialectOfPath, type Dialect } from '../dialects';
import { accepting } from '../middleware/auth';

/** The guard chain of each access a router serves; an endpoint whose access has none is refused at mount time, never served open. */
export type Guards = Partial<Record<Access, RequestHandler[]>>;

/** Express's form of an OpenAPI path: `/v1/customers/{id}` → `/v1/customers/:id`. */
const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Parses every declared part of the request; all issues of all parts become one ValidationError. */
function parseRequest(spec: EndpointSpec, req: Request) {
  const issues: Issue[] = [];
  const r = spec.request ?? {};
  const parts = {
    params: r.params && check(r.params, req.params, 'params', issues),
    query: r.query && check(r.query, req.query, 'query', issues),
    headers: r.headers && check(r.headers, req.headers, 'headers', issues),
    body: r.body && check(r.body, req.body, 'body', issues),
  };
  if (issues.length > 0) throw new ValidationError('Invalid request', issues);
  return parts;
}

/**
 * Mounts a feature's endpoints on a router: at the declared path and each
 * alias, behind the guards of the declared access, with the request parsed by
 * the declared schemas before the handler runs. Each path goes into `table`
 * (the names of routes answered before routing).
 */
export function mount<E extends Endpoints>(router: Router, guards: Guards, declared: E, handlers: Handlers<E>, table?: RouteTable): Router {
  for (const [operationId, spec] of Object.entries(declared)) {
    const handler = handlers[operationId as keyof E] as (input: unknown) => unknown;
    // The path says the dialect (Loyale's aliases, Loyalty+'s paths): the handler shapes its answer by it (api/points-wire.ts).
    const run =
      (dialect: Dialect): RequestHandler =>
      async (req: Request, res: Response) => {
        const reply = (await handler({ ...parseRequest(spec, req), req, res, dialect })) as { status?: number; body: unknown } | undefined;
        if (reply) res.status(reply.status ?? 200).json(reply.body);
      };
    const declared = guards[spec.access];
    if (!declared) throw new Error(`${operationId}: no guards for access "${spec.access}"`);
    // Every 401 of the route names what it accepts (message and WWW-Authenticate).
    const guard = spec.access === 'public' ? declared : accepting(spec.access, declared);
    for (const path of [spec.path, ...(spec.aliases ?? []).map((a) => a.path)]) {
      router[spec.method](expressPath(path), ...guard, run(dialectOfPath(path)));
      table?.add(spec.method, expressPath(path));
    }
  }
  return router;
}
