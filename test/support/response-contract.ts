import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { buildOpenApiDocument, hubRegistry } from '../../api/openapi/document';
import { ErrorBody } from '../../api/schemas/common';

interface Documented {
  method: string;
  pattern: RegExp;
  route: RouteConfig;
}

const documented: Documented[] = hubRegistry()
  .definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []))
  .map((route) => ({ method: route.method.toUpperCase(), pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`), route }));

/** Statuses as the document states them, conventions (400/401/503 on every route that can give them) included. */
const statuses = new Map(
  Object.entries(buildOpenApiDocument().paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, { responses: Record<string, unknown> }>).map(([method, op]) => [`${method.toUpperCase()} ${path}`, Object.keys(op.responses)] as const),
  ),
);

/** Responses that did not match their declared schema, across the test file. */
export const contractViolations: string[] = [];

/**
 * Express middleware for tests: every JSON answer is checked against the
 * schema its operation declares for that status in the OpenAPI registry.
 * A status the operation does not declare is a violation too.
 */
export function checkResponses(req: Request, res: Response, next: NextFunction): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const where = `${req.method} ${req.path} → ${res.statusCode}`;
    const op = documented.find((d) => d.method === req.method && d.pattern.test(req.path));
    // A handler that answers after the deadline already did (503) writes nothing: not an answer to check.
    if (op && !res.headersSent) {
      const declared = op.route.responses[res.statusCode] as { content?: Record<string, { schema?: z.ZodType }> } | undefined;
      if (!statuses.get(`${op.method} ${op.route.path}`)?.includes(String(res.statusCode))) contractViolations.push(`${where}: status not documented`);
      else {
        const schema = declared?.content?.['application/json']?.schema ?? (res.statusCode >= 400 ? ErrorBody : undefined);
        const parsed = schema?.safeParse?.(JSON.parse(JSON.stringify(body ?? null)));
        if (parsed && !parsed.success) contractViolations.push(`${where}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      }
    }
    return json(body);
  };
  next();
}
