import { NotFoundError } from '../../domain/errors';
import type { PosSettingsRepository } from '../../domain/pos/ports';
import type { SchemeRepository } from '../../domain/ports';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { posSettingsEndpoints } from '../endpoints/pos-settings';

export function posSettingsHandlers({ schemes, posSettings }: { schemes: SchemeRepository; posSettings: PosSettingsRepository }): Handlers<typeof posSettingsEndpoints> {
  const existing = async (id: string) => {
    if (!(await schemes.findById(id))) throw new NotFoundError('Scheme');
  };
  return {
    async getPosSettings({ params: { id } }) {
      await existing(id);
      return ok(await posSettings.get(id));
    },
    async putPosSettings({ params: { id }, body }) {
      await existing(id);
      return ok(await posSettings.put(id, body));
    },
  };
}
