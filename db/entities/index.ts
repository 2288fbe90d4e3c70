import { ApiKeySchema } from './api-key.entity';
import { CustomerSchema } from './customer.entity';
import { SchemeSchema } from './scheme.entity';

export const entities = [SchemeSchema, ApiKeySchema, CustomerSchema];
