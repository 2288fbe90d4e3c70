import type { ReturnRequest } from '../../domain/returns/ports';
import type { ReturnResult } from '../../domain/returns/result';
import type { Outcome } from '../../domain/outcome';
import type { OneStep } from './common';

/** A return (full, line-item or custom), as the API hands it over. */
export type ReturnInput = ReturnRequest & OneStep;

export type ReturnSaleWorkflow = (input: ReturnInput) => Promise<Outcome<ReturnResult> | ReturnResult>;
