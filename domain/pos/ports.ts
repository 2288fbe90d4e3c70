import type { PosSettings } from './settings';

export interface PosSettingsRepository {
  /** The scheme's settings; the defaults when it never set them. */
  get(schemeId: string): Promise<PosSettings>;
  /** Replaces them; a default outlet that is not the scheme's is not found. */
  put(schemeId: string, settings: PosSettings): Promise<PosSettings>;
  /** The scheme's outlet when it has exactly one (where a check-in without store goes); else null. */
  onlyOutlet(schemeId: string): Promise<string | null>;
}

export interface RequestClaims {
  /**
   * The uniqueId of the request with this fingerprint: the one claimed by the
   * first such request less than `windowSeconds` ago, else a new one. Atomic:
   * concurrent identical requests all get the same answer.
   */
  claim(schemeId: string, fingerprint: string, windowSeconds: number): Promise<string>;
}
