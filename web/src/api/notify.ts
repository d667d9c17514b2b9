import type {
  ExamReminderInput,
  ExamReminderResult,
  NotifyChannelDto,
  NotifyChannelInput,
  NotifyDeliveryDto,
  NotifyDeliveryQuery,
  Page,
} from '@campus/shared';
import { http } from './http';

/** Group robots the caller may configure (a college admin: their college's). */
export function listChannels(): Promise<NotifyChannelDto[]> {
  return http.get<NotifyChannelDto[]>('/notify/channels');
}

export function createChannel(input: NotifyChannelInput): Promise<NotifyChannelDto> {
  return http.post<NotifyChannelDto>('/notify/channels', input);
}

export function updateChannel(id: number, input: NotifyChannelInput): Promise<NotifyChannelDto> {
  return http.put<NotifyChannelDto>(`/notify/channels/${id}`, input);
}

export function deleteChannel(id: number): Promise<void> {
  return http.delete<void>(`/notify/channels/${id}`);
}

/** Sends a test message now and answers how it went (the receiver's error included). */
export function testChannel(id: number): Promise<NotifyDeliveryDto> {
  return http.post<NotifyDeliveryDto>(`/notify/channels/${id}/test`);
}

export function listDeliveries(query: NotifyDeliveryQuery, signal?: AbortSignal): Promise<Page<NotifyDeliveryDto>> {
  return http.get<Page<NotifyDeliveryDto>>('/notify/deliveries', { query: { ...query }, signal });
}

export function retryDelivery(id: number): Promise<NotifyDeliveryDto> {
  return http.post<NotifyDeliveryDto>(`/notify/deliveries/${id}/retry`);
}

/** 催考: the named list to the college's own group. */
export function sendExamReminder(input: ExamReminderInput): Promise<ExamReminderResult> {
  return http.post<ExamReminderResult>('/notify/exam-reminders', input);
}
