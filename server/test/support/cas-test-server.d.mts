export interface CasTestServer {
  url: string;
  responses: Array<{ format: 'xml' | 'json'; body: string }>;
  logoutsSent: Array<{ ticket: string; status: number }>;
  tickets: Map<string, { user: string; service: string; fromNewLogin: boolean; used: boolean }>;
  issueTicket(user: string, service: string, fromNewLogin?: boolean): string;
  logoutRequestFor(ticket: string): string;
  sendLogout(ticket: string): Promise<number>;
  close(): Promise<void>;
}

export function startCasTestServer(options?: {
  users?: Record<string, string>;
  anyPassword?: string | null;
  attributes?: (user: string) => Record<string, string[]>;
  port?: number;
}): Promise<CasTestServer>;
