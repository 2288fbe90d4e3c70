import { own } from '../../domain/own';
import { randomInt, randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import { barcodeFromDigits } from '../../domain/customer';
import { available } from '../../domain/ledger/wallet';
import type { GiftCard, GiftCardRepository } from '../../domain/transactions/ports';
import type { Orm } from '../orm';
import type { LedgerEngine, Query } from './ledger-engine';
import { assertHolder } from '../../domain/points/adjustment';
import { totalsOf, type WalletRow } from './rows';
import { violatedConstraint } from '../repositories/unique-violation';
import { textArray } from '../sql-arrays';

const LEDGER = 'Gift cards';

/**
 * In a stored-value top-up's own transaction: the customer becomes the card's
 * holder unless it has one (the primary key keeps the first of racing
 * top-ups), and another customer's card refuses the top-up, rolling it back.
 */
export async function holdGiftCardIn(q: Query, schemeId: string, walletId: string, customerId: string): Promise<void> {
  await q('insert into gift_card_holders (wallet_id, scheme_id, customer_id) values (?, ?, ?) on conflict (wallet_id) do nothing', [walletId, schemeId, customerId]);
  const [row] = await q<{ customer_id: string }>('select customer_id from gift_card_holders where wallet_id = ?', [walletId]);
  assertHolder((row as { customer_id: string }).customer_id, customerId);
}
const ownerKey = (code: string) => `giftcard:${code}`;


/**
 * Gift cards are wallets in the scheme's gift-card account (a currency account
 * in minor units, created on first issue). Issuing mints the card's value;
 * paying with it is a burn in the sale's atomic ledger set.
 */
export class GiftCards implements GiftCardRepository {
  constructor(
    private readonly orm: Orm,
    private readonly engine: LedgerEngine,
  ) {}

  private async account(schemeId: string, decimals: number): Promise<string> {
    const conn = this.orm.em.fork().getConnection();
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = (await conn.execute(
        `select a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id where l.scheme_id = ? and l.name = ? and a.name = ?`,
        [schemeId, LEDGER, LEDGER],
        'all',
      )) as Array<{ id: string }>;
      if (row) return row.id;
      // First issue in this scheme: create ledger, account and its system wallets; a racing issuer loses on the unique names and retries the read.
      try {
        const em = this.orm.em.fork();
        await em.transactional(async (tx) => {
          const ledgerId = randomUUID();
          const accountId = randomUUID();
          const q = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext());
          await q(`insert into ledgers (id, scheme_id, name, description, is_default, created_at) values (?, ?, ?, 'Gift card balances in minor units', false, now()) on conflict do nothing`, [ledgerId, schemeId, LEDGER]);
          const [ledger] = (await tx.getConnection().execute('select id from ledgers where scheme_id = ? and name = ?', [schemeId, LEDGER], 'all', tx.getTransactionContext())) as Array<{ id: string }>;
          await q(`insert into ledger_accounts (id, scheme_id, ledger_id, name, active, decimals, is_default, created_at) values (?, ?, ?, ?, true, ?, true, now())`, [accountId, schemeId, ledger?.id, LEDGER, decimals]);
          for (const kind of ['issuance', 'redemption', 'expiry']) {
            await q(`insert into wallets (id, scheme_id, account_id, kind, owner_key, created_at) values (?, ?, ?, ?, ?, now())`, [randomUUID(), schemeId, accountId, kind, `system:${kind}`]);
          }
        });
      } catch (err) {
        if (!violatedConstraint(err)) throw err;
      }
    }
    throw new ConflictError('Could not create the gift card account; retry');
  }

  async issue(schemeId: string, input: { code?: string; amountMinor: bigint; decimals: number }): Promise<GiftCard> {
    const accountId = await this.account(schemeId, input.decimals);
    const code = input.code ?? barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10)));
    const walletId = randomUUID();
    const conn = this.orm.em.fork().getConnection();
    const inserted = await conn.execute(
      `insert into wallets (id, scheme_id, account_id, kind, owner_key, created_at) values (?, ?, ?, 'giftcard', ?, now()) on conflict (account_id, owner_key) do nothing returning id`,
      [walletId, schemeId, accountId, ownerKey(code)],
      'all',
    );
    if ((inserted as unknown[]).length === 0) throw new ConflictError(`Gift card ${code} already exists`, [{ path: 'code', message: 'already taken' }]);
    await this.engine.apply({
      schemeId,
      systemUniqueKey: `giftcard-issue/${code}`,
      requestHash: ownerKey(code),
      ops: [{ type: 'mint', accountId, walletId, amount: input.amountMinor, code: 'giftcard_issue', externalId: code }],
    });
    return own(await this.find(schemeId, [code]), code) as GiftCard;
  }

  async find(schemeId: string, codes: string[]): Promise<Record<string, GiftCard>> {
    if (codes.length === 0) return {};
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select w.*, a.decimals, h.customer_id as holder_id from wallets w join ledger_accounts a on a.id = w.account_id
           left join gift_card_holders h on h.wallet_id = w.id
          where w.scheme_id = ? and w.kind = 'giftcard' and w.owner_key = any(?::text[])`,
        [schemeId, textArray(codes.map(ownerKey))],
        'all',
      )) as Array<WalletRow & { owner_key: string; decimals: number; holder_id: string | null }>;
    return Object.fromEntries(
      rows.map((r) => {
        const code = r.owner_key.slice('giftcard:'.length);
        return [code, { code, walletId: r.id, accountId: r.account_id, available: available(totalsOf(r)).toString(), decimals: r.decimals, holderId: r.holder_id }];
      }),
    );
  }

  /** The stored value a till shows for the customer: the first card they came to hold (a customer may hold more). */
  async heldBy(schemeId: string, customerId: string): Promise<GiftCard | null> {
    const [row] = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select w.owner_key from gift_card_holders h join wallets w on w.id = h.wallet_id
          where h.scheme_id = ? and h.customer_id = ? order by h.linked_at, h.wallet_id limit 1`,
        [schemeId, customerId],
        'all',
      )) as Array<{ owner_key: string }>;
    if (!row) return null;
    const code = row.owner_key.slice('giftcard:'.length);
    return own(await this.find(schemeId, [code]), code) ?? null;
  }

  /**
   * The card's value just after one of its transfers, in the ledger's order
   * (time, then the request's legs): a repeated top-up answers what the first
   * answer said, whatever the card paid for since.
   */
  async valueAfter(schemeId: string, walletId: string, transferId: string): Promise<bigint> {
    const [row] = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select coalesce(sum(case when t.credit_wallet_id = ? then t.amount else -t.amount end), 0)::text as value
           from transfers t, transfers me
          where me.id = ? and me.scheme_id = ? and t.scheme_id = me.scheme_id and (t.credit_wallet_id = ? or t.debit_wallet_id = ?)
            and t.status in ('posted', 'posted_from_pending')
            and (t.created_at, length(t.system_unique_key), t.system_unique_key) <= (me.created_at, length(me.system_unique_key), me.system_unique_key)`,
        [walletId, transferId, schemeId, walletId, walletId],
        'all',
      )) as Array<{ value: string }>;
    return BigInt(row?.value ?? '0');
  }
}
