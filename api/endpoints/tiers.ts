import { z } from 'zod';
import { error, errors, json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { CustomerTierView, LoyaleLevelView, SetTierBody, TierBody, TierChangeView, TierParams, TierView } from '../schemas/tiers';
import { endpoints } from './endpoint';

const tags = ['tiers'];
const tierExample = { name: 'Silver', active: true, minRequiredPoints: 1000, tierOrder: 1, customAttributes: { color: 'silver' }, isDefault: false, earnMultiplierPercent: 125 };
const levelNote =
  "Loyale's Level operation, answered from the scheme's tiers. The seed names the operation but not its path or body: the path follows Loyale's naming (/api/Level) and the body is the hub's reading. " +
  "A scheme without tiers answers its single default level (id: the scheme's id, name Default, pointsThreshold 0, multiplier 1), so a till always finds one.";

/** Tiers (the seed's Loyalty Program Tiers), a customer's tier and its history, and Loyale's Level operations. */
export const tierEndpoints = endpoints({
  listTiers: {
    method: 'get',
    path: '/v1/tiers',
    access: 'keyOrOps',
    tags,
    summary: "The scheme's tiers, by tierOrder",
    request: { query: PageQuery },
    responses: { 200: json('Page', pageOf(TierView, 'TierPage')) },
  },
  createTier: {
    method: 'post',
    path: '/v1/tiers',
    access: 'ops',
    tags,
    summary: 'Create a tier',
    description: 'Members are judged on it from the next posting that moves their accrual, and by the daily sweep.',
    request: { body: TierBody, example: tierExample },
    responses: { 201: json('Created', z.object({ tier: TierView })), 409: errors[409] },
  },
  getTier: {
    method: 'get',
    path: '/v1/tiers/{tierId}',
    access: 'keyOrOps',
    tags,
    summary: 'One tier',
    request: { params: TierParams },
    responses: { 200: json('Tier', z.object({ tier: TierView })) },
  },
  updateTier: {
    method: 'put',
    path: '/v1/tiers/{tierId}',
    access: 'ops',
    tags,
    summary: 'Replace a tier (members are judged on it from their next posting or the daily sweep)',
    request: { params: TierParams, body: TierBody, example: { ...tierExample, minRequiredPoints: 1200 } },
    responses: { 200: json('Tier', z.object({ tier: TierView })), 409: errors[409] },
  },
  getCustomerTier: {
    method: 'get',
    path: '/v1/customers/{id}/tier',
    access: 'keyOrOps',
    tags,
    summary: "The customer's tier, accrual and next tier",
    request: { params: IdParam },
    responses: { 200: json('Tier', CustomerTierView) },
  },
  setCustomerTier: {
    method: 'put',
    path: '/v1/customers/{id}/tier',
    access: 'keyOrOps',
    tags,
    summary: "Set a customer's tier by hand (the seed's set member tier)",
    description: 'Held until `expiresAt` (a durable timer then judges the tier on accrual again), or until set again. No `loyaltyTierId`: no tier. Announced as member-tier-set or member-tier-removed.',
    request: { params: IdParam, body: SetTierBody, example: { loyaltyTierId: '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b', expiresAt: '2027-02-26T02:18:13.117Z' } },
    responses: { 200: json('Set', z.object({ loyaltyTierId: z.uuid().nullable() })), 422: error('business_rule_violated: expiresAt is not in the future') },
  },
  listCustomerTierHistory: {
    method: 'get',
    path: '/v1/customers/{id}/tier-history',
    access: 'keyOrOps',
    tags,
    summary: "The customer's tier changes, newest first (from, to, reason, accrual, when)",
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Page', pageOf(TierChangeView, 'TierChangePage')) },
  },
  loyaleListLevels: {
    method: 'get',
    path: '/api/Level',
    access: 'key',
    tags: ['loyale'],
    summary: 'Get a List of Levels (Loyale)',
    description: levelNote,
    responses: { 200: json('Levels', z.array(LoyaleLevelView)) },
  },
  loyaleGetLevel: {
    method: 'get',
    path: '/api/Level/{tierId}',
    access: 'key',
    tags: ['loyale'],
    summary: 'Get Level (Loyale)',
    description: levelNote,
    request: { params: TierParams },
    responses: { 200: json('Level', LoyaleLevelView) },
  },
});
