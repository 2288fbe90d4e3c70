import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { HubEvent } from '../../domain/events/hub-event';
import type { Outcome } from '../../domain/outcome';
import type { Referral, ReferralTerms } from '../../domain/referrals/types';

/** An existing customer gives a referral code (before their first qualifying event). */
export interface ReferCustomerInput {
  schemeId: string;
  customerId: string;
  code: string;
}

/** A referral's own workflow: waits for the qualifying event or the deadline, pays once, and watches the return window. */
export interface ReferralInput {
  schemeId: string;
  referralId: string;
  referredCustomerId: string;
  expiresAt: string;
  terms: ReferralTerms;
}

export interface ReferralState {
  referralId: string;
  status: Referral['status'];
  /** The event that qualified the referral, once one has. */
  qualifyingEventKey: string | null;
  qualifyingSaleId: string | null;
  /** While QUALIFIED: until when a full return of the qualifying sale reverses it. */
  reversibleUntil: string | null;
  referral: Referral | null;
}

/** The event bus delivers the referred customer's events to the referral's workflow. */
export const referralEvent = defineSignal<[HubEvent]>('referralEvent');
export const referralState = defineQuery<ReferralState>('referralState');

export type ReferCustomerWorkflow = (input: ReferCustomerInput) => Promise<Outcome<Referral> | Referral>;
export type ReferralWorkflow = (input: ReferralInput) => Promise<ReferralState>;
