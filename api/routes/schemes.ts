import { Router } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { Repositories } from '../../domain/ports';
import { requireAdmin } from '../middleware/auth';
import { IdParam } from '../schemas/common';
import { ApiKeyParams, CreateApiKeyBody, CreateSchemeBody } from '../schemas/schemes';
import { parse } from '../validation';

/** Management endpoints: schemes (tenants) and their API keys, admin token only. */
export function schemesRouter(repos: Repositories, adminToken: string): Router {
  const router = Router();
  const admin = requireAdmin(adminToken);

  router.post('/v1/schemes', admin, async (req, res) => {
    const body = parse(CreateSchemeBody, req.body, 'body');
    res.status(201).json(await repos.schemes.create(body));
  });

  router.get('/v1/schemes/:id', admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const scheme = await repos.schemes.findById(id);
    if (!scheme) throw new NotFoundError('Scheme');
    res.json(scheme);
  });

  router.get('/v1/schemes/:id/api-keys', admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    if (!(await repos.schemes.findById(id))) throw new NotFoundError('Scheme');
    res.json({ data: await repos.apiKeys.list(id) });
  });

  router.post('/v1/schemes/:id/api-keys', admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const body = parse(CreateApiKeyBody, req.body, 'body');
    if (!(await repos.schemes.findById(id))) throw new NotFoundError('Scheme');
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await repos.apiKeys.issue(id, body.name ?? null));
  });

  router.delete('/v1/schemes/:id/api-keys/:keyId', admin, async (req, res) => {
    const { id, keyId } = parse(ApiKeyParams, req.params, 'params');
    const revoked = await repos.apiKeys.revoke(id, keyId);
    if (!revoked) throw new NotFoundError('API key');
    res.json(revoked);
  });

  return router;
}
