import type { SchoolSettingsDto, SchoolSettingsInput } from '@campus/shared';
import { http } from './http';

export function getSchoolSettings(): Promise<SchoolSettingsDto> {
  return http.get<SchoolSettingsDto>('/school-settings');
}

export function updateSchoolSettings(input: SchoolSettingsInput): Promise<SchoolSettingsDto> {
  return http.put<SchoolSettingsDto>('/school-settings', input);
}
