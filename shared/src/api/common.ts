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
}
