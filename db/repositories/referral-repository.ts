import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { generatedCode, normalizeCode } from '../../domain/referrals/codes';
import type { ReferralListener, ReferralRepository } from '../../domain/referrals/ports';
import type { Referral, ReferralCode, ReferralProgram, ReferralProgramInput, ReferralReportRow } from '../../domain/referrals/types';
import { queryIn, type LedgerEngine, type Query } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { attachTransactionIn } from '../referrals/attach';
import { attachReferral } from '../../domain/referrals/attach';
import { referralSelect, toCode, toProgram, toReferral, type CodeRow, type ProgramRow, type ReferralRow } from '../referrals/rows';
import { violatedConstraint } from './unique-violation';
import { inAudienceNow } from '../audiences/membership';
import { notInAudience } from '../../domain/referrals/rules';
import { byCreation, keysetPage } from './keyset-page';

const programView = 'p.*, (select count(*) from referrals r where r.program_id = p.id) as referred_count';
const programSelect = `select ${programView} from referral_programs p`;

function programParams(input: ReferralProgramInput) {
  return [
    input.name, input.description ?? null, input.pictureUrl ?? null, normalizeCode(input.code), input.active, input.validFromDate ?? null, input.validToDate ?? null,
    input.maxPerCode, String(input.maxReferralsPerMember), input.eventType, input.minPurchaseMinor == null ? null : String(input.minPurchaseMinor),
    String(input.referrerPointsAccrual), String(input.referredPointsAccrual), input.referrerLedgerAccountId ?? null, input.referredLedgerAccountId ?? null, input.audienceId ?? null,
    input.qualifyWithinSeconds, input.reverseOnReturn, JSON.stringify(input.tags), JSON.stringify(input.customAttributes),
  ];
}

const programColumns = `name, description, picture_url, code, active, valid_from, valid_to, max_per_code, max_referrals_per_member, event_type, min_purchase_minor,
  referrer_points, referred_points, referrer_account_id, referred_account_id, audience_id, qualify_within_seconds, reverse_on_return, tags, custom_attributes`;

/** Referral programmes, codes and referrals on PostgreSQL (SQL, for the locks and conditional updates the limits need). */
export class MikroReferralRepository implements ReferralRepository {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
  ) {}

  private q(): Query {
    return queryIn(this.orm.em.fork());
  }

  private async checkAccounts(q: Query, schemeId: string, input: ReferralProgramInput): Promise<void> {
    for (const [field, id] of [['referrerLedgerAccountId', input.referrerLedgerAccountId], ['referredLedgerAccountId', input.referredLedgerAccountId]] as const) {
      if (!id) continue;
      const [row] = await q('select 1 from ledger_accounts where scheme_id = ? and id = ?', [schemeId, id]);
      if (!row) throw new ValidationError('Unknown ledger account', [{ path: `body.${field}`, message: 'not an account of this scheme' }]);
    }
    if (input.audienceId && !(await q('select 1 from audiences where scheme_id = ? and id = ?', [schemeId, input.audienceId]))[0]) {
      throw new ValidationError('Unknown audience', [{ path: 'body.audienceId', message: 'not an audience of this scheme' }]);
    }
  }

  private async saveProgram<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (violatedConstraint(err) === 'referral_programs_scheme_code_unique') throw new ConflictError('A referral programme with this code already exists', [{ path: 'body.code', message: 'already taken' }]);
      throw err;
    }
  }

  async createProgram(schemeId: string, input: ReferralProgramInput): Promise<ReferralProgram> {
    const q = this.q();
    await this.checkAccounts(q, schemeId, input);
    const id = randomUUID();
    await this.saveProgram(() =>
      q(`insert into referral_programs (id, scheme_id, ${programColumns}, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())`, [id, schemeId, ...programParams(input)]),
    );
    return (await this.getProgram(schemeId, id)) as ReferralProgram;
  }

  async updateProgram(schemeId: string, id: string, input: ReferralProgramInput): Promise<ReferralProgram | null> {
    const q = this.q();
    await this.checkAccounts(q, schemeId, input);
    const sets = programColumns.split(',').map((c) => `${c.trim()} = ?${['tags', 'custom_attributes'].includes(c.trim()) ? '::jsonb' : ''}`).join(', ');
    const updated = await this.saveProgram(() => q(`update referral_programs set ${sets}, updated_at = now() where scheme_id = ? and id = ? returning id`, [...programParams(input), schemeId, id]));
    return updated.length > 0 ? this.getProgram(schemeId, id) : null;
  }

  async getProgram(schemeId: string, id: string): Promise<ReferralProgram | null> {
    const [row] = await this.q()<ProgramRow>(`${programSelect} where p.scheme_id = ? and p.id = ?`, [schemeId, id]);
    return row ? toProgram(row) : null;
  }

  listPrograms(schemeId: string, page: PageRequest): Promise<Page<ReferralProgram>> {
    return keysetPage(this.q(), { select: programView, from: 'referral_programs p', where: ['p.scheme_id = ?'], params: [schemeId], key: byCreation('p.'), order: 'asc' }, page, toProgram);
  }

  async createCodes(schemeId: string, programId: string, customerId: string, codes: string[] | null, count: number): Promise<ReferralCode[]> {
    return this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      const program = await this.getProgram(schemeId, programId);
      if (!program) throw new NotFoundError('Referral programme');
      const [customer] = await q('select 1 from customers where scheme_id = ? and id = ?', [schemeId, customerId]);
      if (!customer) throw new NotFoundError('Customer');
      if (program.audienceId && !(await inAudienceNow(q, schemeId, program.audienceId, customerId))) throw notInAudience('params.customerId');
      const wanted = codes ? codes.map(normalizeCode) : Array.from({ length: count }, () => generatedCode(randomBytes(12)));
      const made: ReferralCode[] = [];
      for (const code of wanted) {
        const [row] = await q<CodeRow>(
          'insert into referral_codes (id, scheme_id, program_id, customer_id, code, uses, created_at) values (?, ?, ?, ?, ?, 0, now()) on conflict (scheme_id, code) do nothing returning *',
          [randomUUID(), schemeId, programId, customerId, code],
        );
        // 60 random bits make a generated clash practically impossible; a chosen code may well be taken.
        if (!row) throw new ConflictError(`The referral code ${code} is already taken`, [{ path: 'body.codes', message: code }]);
        made.push(toCode(row));
      }
      return made;
    });
  }

  listCodes(schemeId: string, programId: string, customerId: string | undefined, page: PageRequest): Promise<Page<ReferralCode>> {
    const where = ['scheme_id = ?', 'program_id = ?', ...(customerId ? ['customer_id = ?'] : [])];
    const params = customerId ? [schemeId, programId, customerId] : [schemeId, programId];
    return keysetPage(this.q(), { select: '*', from: 'referral_codes', where, params, key: byCreation(), order: 'asc' }, page, toCode);
  }

  async getCode(schemeId: string, programId: string, codeId: string): Promise<ReferralCode | null> {
    const [row] = await this.q()<CodeRow>('select * from referral_codes where scheme_id = ? and program_id = ? and id = ?', [schemeId, programId, codeId]);
    return row ? toCode(row) : null;
  }

  listReferred(schemeId: string, codeId: string, page: PageRequest): Promise<Page<Referral>> {
    // Along referrals (code_id, created_at).
    const from = 'referrals r join referral_codes c on c.id = r.code_id';
    return keysetPage(this.q(), { select: 'r.*, c.code', from, where: ['r.scheme_id = ?', 'r.code_id = ?'], params: [schemeId, codeId], key: byCreation('r.'), order: 'asc' }, page, toReferral);
  }

  report(schemeId: string, programId: string, page: PageRequest): Promise<Page<ReferralReportRow>> {
    const select = `referrer_customer_id, count(*) as referred, count(*) filter (where status in ('QUALIFIED', 'REVERSED')) as qualified,
                    coalesce(sum(referrer_paid) filter (where status = 'QUALIFIED'), 0) as paid`;
    // One row per referrer, keyed by the referrer alone, along referrals (program_id, referrer_customer_id).
    const s = { select, from: 'referrals', where: ['scheme_id = ?', 'program_id = ?'], params: [schemeId, programId], groupBy: 'referrer_customer_id', key: [{ sql: 'referrer_customer_id', type: 'uuid' as const }], order: 'asc' as const };
    return keysetPage(this.q(), s, page, (r: { referrer_customer_id: string; referred: string; qualified: string; paid: string }) => ({
      referrerCustomerId: r.referrer_customer_id,
      referredCount: Number(r.referred),
      qualifiedCount: Number(r.qualified),
      pointsPaid: String(r.paid),
    }));
  }

  attach(schemeId: string, referredCustomerId: string, code: string): Promise<Referral> {
    // Its own transaction; at registration the customer's insert opens it (customer-repository).
    return this.orm.em.fork().transactional((em) => attachReferral(attachTransactionIn(queryIn(em)), { schemeId, referredCustomerId, code, atRegistration: false }));
  }

  async forCustomer(schemeId: string, customerId: string): Promise<Referral | null> {
    const [row] = await this.q()<ReferralRow>(`${referralSelect} where r.scheme_id = ? and r.referred_customer_id = ?`, [schemeId, customerId]);
    return row ? toReferral(row) : null;
  }

  async get(referralId: string): Promise<Referral | null> {
    const [row] = await this.q()<ReferralRow>(`${referralSelect} where r.id = ?`, [referralId]);
    return row ? toReferral(row) : null;
  }

  async listeners(schemeId: string, customerId: string): Promise<ReferralListener[]> {
    const rows = await this.q()<{ id: string; workflow_id: string }>(
      `select id, workflow_id from referrals where scheme_id = ? and referred_customer_id = ? and closed_at is null and status in ('PENDING', 'QUALIFIED')`,
      [schemeId, customerId],
    );
    return rows.map((r) => ({ referralId: r.id, workflowId: r.workflow_id }));
  }
}
