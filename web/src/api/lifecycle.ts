import type {
  RetentionRunResult,
  RetentionStatus,
  RolloverOverview,
  RolloverRequest,
  RolloverResult,
} from '@campus/shared';
import { http, type DownloadedFile } from './http';

export function getRolloverOverview(): Promise<RolloverOverview> {
  return http.get<RolloverOverview>('/rollover');
}

export function runRollover(request: RolloverRequest): Promise<RolloverResult> {
  return http.post<RolloverResult>('/rollover', request);
}

export function getRetentionStatus(): Promise<RetentionStatus> {
  return http.get<RetentionStatus>('/retention');
}

export function runRetention(): Promise<RetentionRunResult> {
  return http.post<RetentionRunResult>('/retention/run', {});
}

export function downloadPersonalData(userId: number, username: string): Promise<DownloadedFile> {
  return http.download(`/users/${userId}/personal-data`, `个人信息-${username}.json`);
}
