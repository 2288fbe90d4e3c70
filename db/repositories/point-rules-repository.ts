import type { PointRulesRepository, PointRulesView, RulesInput } from '../../domain/transactions/ports';
import { PointRulesEntity } from '../entities/point-rules.entity';
import type { Orm } from '../orm';

/** No rules stored yet: nothing earned, nothing redeemable. */
const none: PointRulesView = { earnPerUnit: '0', redeemPointsPerUnit: '0', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance', expiryNoticeDays: 30, tierWindowMonths: 12 };

export class MikroPointRulesRepository implements PointRulesRepository {
  constructor(private readonly orm: Orm) {}

  async get(schemeId: string): Promise<PointRulesView> {
    const r = await this.orm.em.fork().findOne(PointRulesEntity, { schemeId });
    return r ? { earnPerUnit: String(r.earnPerUnit), redeemPointsPerUnit: String(r.redeemPointsPerUnit), overrides: r.overrides, returnWindowSeconds: r.returnWindowSeconds, returnPolicy: r.returnPolicy, expiryNoticeDays: r.expiryNoticeDays, tierWindowMonths: r.tierWindowMonths } : none;
  }

  async put(schemeId: string, rules: RulesInput): Promise<PointRulesView> {
    await this.orm.em.fork().upsert(PointRulesEntity, { schemeId, returnWindowSeconds: 0, returnPolicy: 'within_balance', expiryNoticeDays: 30, tierWindowMonths: 12, ...rules, updatedAt: new Date() });
    return this.get(schemeId);
  }
}
