import { ApiKeySchema } from './api-key.entity';
import { CustomerSchema } from './customer.entity';
import { LedgerAccountSchema } from './ledger-account.entity';
import { LedgerSchema } from './ledger.entity';
import { CouponSchema } from './coupon.entity';
import { OutletSchema } from './outlet.entity';
import { PointRulesSchema } from './point-rules.entity';
import { ReturnSchema } from './return.entity';
import { ConnectionSchema } from './connection.entity';
import { SyncRecordSchema } from './sync-record.entity';
import { PartnerLinkSchema } from './partner-link.entity';
import { WebhookEventSchema } from './webhook-event.entity';
import { ReconciliationItemSchema, ReconciliationRunSchema } from './reconciliation.entity';
import { SaleSchema } from './sale.entity';
import { SchemeSchema } from './scheme.entity';
import { TransferSchema } from './transfer.entity';
import { WalletSchema } from './wallet.entity';
import { WalletCounterSchema } from './wallet-counter.entity';
import { ReferralProgramSchema } from './referral-program.entity';
import { ReferralCodeSchema } from './referral-code.entity';
import { ReferralSchema } from './referral.entity';
import { ReferralReferrerSchema } from './referral-referrer.entity';
import { HubEventSchema } from './hub-event.entity';
import { MissionSchema } from './mission.entity';
import { MissionProgressSchema } from './mission-progress.entity';
import { MissionContributionSchema } from './mission-contribution.entity';
import { EventTypeSchema } from './event-type.entity';
import { FollowUpSchema } from './follow-up.entity';
import { LotConsumptionSchema, LotDebtSchema, PointLotSchema } from './point-lot.entity';
import { CustomerTierSchema, LoyaltyTierSchema, TierChangeSchema } from './tier.entity';
import { PosSettingsSchema } from './pos-settings.entity';
import { PosRequestClaimSchema } from './pos-request-claim.entity';
import { GiftCardHolderSchema } from './gift-card-holder.entity';
import { CouponBookSchema } from './coupon-book.entity';
import { CouponUsageSchema } from './coupon-usage.entity';
import { EventTriggerSchema } from './event-trigger.entity';
import { TriggerDeliverySchema } from './trigger-delivery.entity';
import { AudienceSchema } from './audience.entity';
import { StatsDaySchema } from './stats-day.entity';

export const entities = [SchemeSchema, ApiKeySchema, CustomerSchema, LedgerSchema, LedgerAccountSchema, WalletSchema, TransferSchema, OutletSchema, PointRulesSchema, SaleSchema, CouponSchema, ReturnSchema, ConnectionSchema, SyncRecordSchema, PartnerLinkSchema, WebhookEventSchema, ReconciliationRunSchema, ReconciliationItemSchema,
  ReferralProgramSchema, ReferralCodeSchema, ReferralSchema, ReferralReferrerSchema, HubEventSchema,
  MissionSchema, MissionProgressSchema, MissionContributionSchema, EventTypeSchema, FollowUpSchema, WalletCounterSchema,
  PointLotSchema, LotConsumptionSchema, LotDebtSchema, LoyaltyTierSchema, CustomerTierSchema, TierChangeSchema,
  PosSettingsSchema, PosRequestClaimSchema, GiftCardHolderSchema, CouponBookSchema, CouponUsageSchema, EventTriggerSchema, TriggerDeliverySchema, AudienceSchema, StatsDaySchema];
