import { z } from 'zod';

export const OutletBody = z.object({ name: z.string().trim().min(1).max(200) }).strict().meta({ id: 'CreateOutlet' });

export const OutletView = z.object({ id: z.uuid(), name: z.string(), active: z.boolean(), createdAt: z.string() }).meta({ id: 'Outlet' });
