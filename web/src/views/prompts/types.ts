import type { FraudType, PromptStatus } from '@campus/shared';

export interface PromptFilterValues {
  fraudType?: FraudType;
  status?: PromptStatus;
  availability?: 'available' | 'expired';
  q: string;
}
