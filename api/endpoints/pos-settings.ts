import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { PosSettingsBody } from '../schemas/loyaltyplus';
import { endpoints } from './endpoint';

const tags = ['schemes'];

/** A scheme's Loyalty+ POS settings, next to its point rules: admin token only. */
export const posSettingsEndpoints = endpoints({
  getPosSettings: {
    method: 'get',
    path: '/v1/schemes/{id}/pos-settings',
    access: 'admin',
    tags,
    summary: "The scheme's Loyalty+ POS settings (the defaults until set)",
    request: { params: IdParam },
    responses: { 200: json('Settings', PosSettingsBody) },
  },
  putPosSettings: {
    method: 'put',
    path: '/v1/schemes/{id}/pos-settings',
    access: 'admin',
    tags,
    summary: 'Set check-in mode, unit SKU, reward threshold and title, default outlet, Loyalty+ stores → outlets and the dedup window',
    request: {
      params: IdParam,
      body: PosSettingsBody,
      example: { checkinMode: 'SPEND', unitSku: 'coffee', rewardThreshold: 100, rewardTitle: 'Free Coffee', defaultOutletId: null, storeOutlets: { cuid_valletta_01: '6f1c2b9a-3d4e-4f5a-8b7c-9d0e1f2a3b4c' }, dedupWindowSeconds: 120 },
    },
    responses: { 200: json('Settings', PosSettingsBody), 404: { description: 'No such scheme, or the outlet is not its' } },
  },
});
