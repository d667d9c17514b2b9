export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export interface ApiErrorItem {
  field?: string;
  row?: number;
  item?: string | number;
  column?: string;
  message: string;
}

/** The error body of every non-2xx answer (API.md). */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: ApiErrorItem[];
  /** The request's id (also the X-Request-Id answer header): quote it to find the request in the logs. */
  requestId?: string;
}

export interface HealthResponse {
  status: 'ok';
  db: 'mysql' | 'sqlite';
  /**
   * Read replicas (DATABASE_REPLICA_URLS), when configured: whether each is read from ('ok') or why
   * not, and how far it is behind the primary. Host names stay in the server's log.
   */
  replicas?: ReplicaHealth[];
  /** With DATABASE_FAILOVER_HOSTS: which node (1 = DATABASE_URL's) new connections go to now. */
  failover?: { node: number; nodes: number; switches: number };
}

export interface ReplicaHealth {
  name: string;
  state: 'ok' | 'lagging' | 'stopped' | 'not-replicating' | 'down';
  lagSeconds: number | null;
  checkedAt: string | null;
}

/** A person as every named list shows them: who they are and where in the school. */
export interface PersonRef {
  userId: number;
  username: string;
  name: string;
  collegeName: string | null;
  className: string | null;
}
