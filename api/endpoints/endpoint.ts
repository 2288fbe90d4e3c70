import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Dialect } from '../dialects';

/**
 * Who may call an endpoint. Each maps to one guard chain (api/app.ts) and to
 * one OpenAPI security requirement (./document.ts), so the two cannot drift.
 * - `key`: a scheme's API key (`X-Scheme` + `X-ApiKey`): tills and shops.
 * - `posKey`: a scheme's API key alone in `X-API-Key` (Loyalty+ tills): the key names its scheme.
 * - `owner`: a scheme API key issued with role `owner`, as `Authorization: Bearer` (Loyalty+'s owner API).
 * - `keyOrOps`: that, or the admin token acting for the scheme named in `X-Scheme`.
 * - `ops`: only the admin token acting for a scheme (`Authorization` + `X-Scheme`).
 * - `admin`: the admin token (platform management).
 * - `signature`: a partner's HMAC signature over the raw body (inbound webhooks).
 * - `codec`: the admin token, or the codec session cookie it was traded for (the Temporal Web UI).
 * - `public`: nobody (health, documents).
 */
export type Access = 'key' | 'posKey' | 'owner' | 'keyOrOps' | 'ops' | 'admin' | 'signature' | 'codec' | 'public';

type Method = 'get' | 'post' | 'put' | 'delete';
type ZodObj = z.ZodObject<z.ZodRawShape>;

/**
 * One endpoint, declared once: the route is mounted from it (guards, request
 * parsing), and the OpenAPI operation is generated from it. Paths use OpenAPI's
 * `{param}` form.
 */
export interface EndpointSpec {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  /**
   * The same operation at another path (Loyale's), each with its own
   * operationId; `responses` are the alias's answers where the seed's types
   * differ from the hub's (points as JSON numbers).
   */
  aliases?: ReadonlyArray<{ path: string; operationId: string; responses?: Record<number, ResponseConfig> }>;
  request?: {
    params?: ZodObj;
    query?: ZodObj;
    /** Headers beyond the credentials (those are the security requirement). */
    headers?: ZodObj;
    body?: z.ZodType;
    /** The body may be left out (parsed as `{}`). */
    bodyOptional?: boolean;
    /** A body that parses, shown in the document. */
    example?: unknown;
  };
  /** Success answers and the errors particular to this endpoint; the common ones are added by convention. */
  responses: Record<number, ResponseConfig>;
  /** Answers from the process alone (no dependency can make it 503). */
  selfContained?: boolean;
}

/** A feature's endpoints, keyed by operationId (the name generated clients give each operation). */
export type Endpoints = Record<string, EndpointSpec>;

type Part<S extends EndpointSpec, K extends 'params' | 'query' | 'headers' | 'body'> = S['request'] extends { [P in K]: infer T }
  ? T extends z.ZodType
    ? z.output<T>
    : undefined
  : undefined;

/** What a handler receives: the request parts, already parsed by the declared schemas. */
export interface Input<S extends EndpointSpec> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  headers: Part<S, 'headers'>;
  body: Part<S, 'body'>;
  req: Request;
  res: Response;
  /** From the path (api/dialects.ts): at Loyale's and Loyalty+'s paths the answer keeps the seed's types (points as numbers). */
  dialect: Dialect;
}

/** A JSON answer. A handler that writes another kind (HTML, text, no content) uses `res` and returns nothing. */
export interface Reply {
  status?: number;
  body: unknown;
}

export type Handler<S extends EndpointSpec> = (input: Input<S>) => Promise<Reply | void> | Reply | void;

/** The implementation of a feature: one handler per declared endpoint, checked by the compiler. */
export type Handlers<E extends Endpoints> = { [K in keyof E]: Handler<E[K]> };

/** Declares a feature's endpoints, keeping their literal types for the handlers. */
export const endpoints = <E extends Endpoints>(declared: E): E => declared;

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const accepted = (body: unknown): Reply => ({ status: 202, body });
