/** One workflow per referral, named from its programme and referred customer (the API and the bus find it by this). */
export function referralWorkflowId(schemeId: string, programId: string, referredCustomerId: string): string {
  return `referral/${schemeId}/${programId}/${referredCustomerId}`;
}
