/** What a subscriber of a {@link SharedPoll} is told: each fresh value, or that a refresh failed. */
export interface PollListener<T> {
  value(value: T): void;
  error?(error: unknown): void;
}

interface Topic<T> {
  listeners: Set<PollListener<T>>;
  timer: NodeJS.Timeout | null;
  running: Promise<T> | null;
  last: { value: T; at: number } | null;
}

/**
 * One load per key per interval, however many subscribers watch that key. A live page (the exam
 * monitor, a classroom quiz) subscribes to a key; the first subscriber starts the timer, the last one
 * leaving stops it, and every subscriber in between receives the same value. So 50 admins watching
 * one exam cost one query per interval on this instance, the same as one admin.
 *
 * A load that takes longer than the interval is not overlapped by the next one: that tick is skipped.
 */
export class SharedPoll<K, T> {
  private readonly topics = new Map<string, Topic<T>>();
  /** Loads started since construction (tests count them). */
  loads = 0;

  constructor(
    private readonly load: (key: K) => Promise<T>,
    private readonly options: { intervalMs: number; keyOf: (key: K) => string },
  ) {}

  /** Starts receiving values for `key`; the returned function stops. */
  subscribe(key: K, listener: PollListener<T>): () => void {
    const id = this.options.keyOf(key);
    const topic = this.topic(id);
    topic.listeners.add(listener);
    if (this.fresh(topic)) {
      // A value this fresh is what a new load would say: the newcomer gets it without a query.
      listener.value(topic.last!.value);
    } else if (!topic.running) {
      // (a load already running tells every listener, this one included, when it ends)
      void this.refresh(key, topic).catch(() => undefined);
    }
    if (!topic.timer) {
      topic.timer = setInterval(() => {
        if (!topic.running) void this.refresh(key, topic).catch(() => undefined);
      }, this.options.intervalMs);
      topic.timer.unref();
    }
    return () => {
      topic.listeners.delete(listener);
      if (topic.listeners.size > 0) return;
      if (topic.timer) clearInterval(topic.timer);
      topic.timer = null;
      this.forgetLater(id, topic);
    };
  }

  /**
   * The value for `key` once: the last one while it is fresher than the interval, the load already
   * running, or a new load. A page polling instead of streaming costs no more than a subscriber.
   */
  async get(key: K): Promise<T> {
    const id = this.options.keyOf(key);
    const topic = this.topic(id);
    if (this.fresh(topic)) return topic.last!.value;
    try {
      return await (topic.running ?? this.refresh(key, topic));
    } finally {
      if (topic.listeners.size === 0) this.forgetLater(id, topic);
    }
  }

  /** Subscribers of `key` right now. */
  watchers(key: K): number {
    return this.topics.get(this.options.keyOf(key))?.listeners.size ?? 0;
  }

  /** Stops every timer (application shutdown). */
  stop(): void {
    for (const topic of this.topics.values()) {
      if (topic.timer) clearInterval(topic.timer);
      topic.timer = null;
      topic.listeners.clear();
    }
    this.topics.clear();
  }

  private topic(id: string): Topic<T> {
    let topic = this.topics.get(id);
    if (!topic) {
      topic = { listeners: new Set(), timer: null, running: null, last: null };
      this.topics.set(id, topic);
    }
    return topic;
  }

  private fresh(topic: Topic<T>): boolean {
    return topic.last !== null && Date.now() - topic.last.at < this.options.intervalMs;
  }

  /** A topic nobody subscribes to keeps its last value for one interval (for get), then goes. */
  private forgetLater(id: string, topic: Topic<T>): void {
    setTimeout(() => {
      if (topic.listeners.size === 0 && !topic.timer && this.topics.get(id) === topic) this.topics.delete(id);
    }, this.options.intervalMs).unref();
  }

  private refresh(key: K, topic: Topic<T>): Promise<T> {
    this.loads += 1;
    const run = this.load(key).then(
      (value) => {
        topic.last = { value, at: Date.now() };
        for (const listener of [...topic.listeners]) listener.value(value);
        return value;
      },
      (error: unknown) => {
        for (const listener of [...topic.listeners]) listener.error?.(error);
        throw error;
      },
    );
    topic.running = run;
    void run
      .finally(() => {
        if (topic.running === run) topic.running = null;
      })
      .catch(() => undefined);
    return run;
  }
}
