import http from 'node:http';

export interface StreamEvent {
  event: string;
  data: string;
  /** When it arrived (performance.now()), for benchmarks that measure how fresh a screen is. */
  at: number;
}

/** A text/event-stream reader over node:http, for tests and benchmarks (what a browser's reader does). */
export class EventStreamClient {
  readonly events: StreamEvent[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  private request: http.ClientRequest | null = null;
  private waiters: Array<() => void> = [];
  ended = false;

  static open(url: string, token: string, agent?: http.Agent): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    return new Promise((resolve, reject) => {
      client.request = http.get(
        url,
        { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent },
        (res) => {
          client.status = res.statusCode ?? 0;
          client.headers = res.headers;
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              client.take(frame);
            }
          });
          res.on('end', () => {
            client.ended = true;
            client.wake();
          });
          resolve(client);
        },
      );
      client.request.on('error', (error) => {
        client.ended = true;
        client.wake();
        reject(error);
      });
    });
  }

  /** Resolves with the first event (from the start of the stream) matching `test`. */
  async next<T>(event: string, test: (data: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; ;) {
      for (; seen < this.events.length; seen++) {
        const e = this.events[seen]!;
        if (e.event !== event) continue;
        const data = JSON.parse(e.data) as T;
        if (test(data)) return data;
      }
      if (this.ended) throw new Error(`stream ended before a matching ${event} event`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching ${event} event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  count(event: string): number {
    return this.events.filter((e) => e.event === event).length;
  }

  close(): void {
    this.request?.destroy();
  }

  private take(frame: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) return; // a comment (heartbeat) or the retry field
    this.events.push({ event, data: data.join('\n'), at: performance.now() });
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
