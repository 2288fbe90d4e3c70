import type { Logger } from '../runtime/logger';

export interface SchemeAuth {
  schemeId: string;
  keyId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      log: Logger;
      auth?: SchemeAuth;
    }
  }
}

export {};
