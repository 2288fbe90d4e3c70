import type { Logger } from 'pino';

export interface SchemeAuth {
  schemeId: string;
  keyId: string;
  /** The scheme's currency (ISO 4217). */
  currency: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      log: Logger;
      /** When this request must be answered by (epoch ms). */
      deadline: number;
      auth?: SchemeAuth;
    }
  }
}

export {};
