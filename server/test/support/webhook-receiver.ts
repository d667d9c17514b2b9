import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: unknown;
}

export type ReceiverBehaviour = (request: ReceivedRequest, index: number) => { status: number; body: unknown } | 'hang';

/**
 * A robot's webhook endpoint on loopback, recording what the platform posts. Its behaviour can be
 * changed mid-test: answer like the platform, fail, or never answer (hang).
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  behaviour: ReceiverBehaviour = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => receiver.handle(req, res, Buffer.concat(chunks).toString('utf8')));
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests whose path starts with `path` (one receiver serves several robots by path). */
  to(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.url.pathname.startsWith(path));
  }

  private handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = rawBody;
    }
    const request: ReceivedRequest = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', this.origin),
      headers: req.headers,
      rawBody,
      body,
    };
    this.requests.push(request);
    const answer = this.behaviour(request, this.requests.length - 1);
    if (answer === 'hang') {
      this.hanging.push(res);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
