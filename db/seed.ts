import type { Repositories } from '../domain/ports';
import type { IssuedApiKey, Scheme } from '../domain/scheme';

export const DEMO_SCHEME = { name: 'Demo Coffee Co', currency: 'EUR', timeZone: 'Europe/Malta' };

/**
 * The demo scheme `npm start` offers. Its key is issued once, on the run that
 * creates the scheme: keys are stored hashed, so it cannot be shown again.
 */
export async function seedDemoScheme(repos: Repositories): Promise<{ scheme: Scheme; issuedKey: IssuedApiKey | null }> {
  const existing = await repos.schemes.findByName(DEMO_SCHEME.name);
  if (existing) return { scheme: existing, issuedKey: null };
  const scheme = await repos.schemes.create(DEMO_SCHEME);
  // The seed's rates: 25.00 spent earns 150 points; 100 points pay 1.00.
  await repos.pointRules.put(scheme.id, { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [] });
  await repos.outlets.create(scheme.id, 'Main Street');
  return { scheme, issuedKey: await repos.apiKeys.issue(scheme.id, 'demo') };
}
