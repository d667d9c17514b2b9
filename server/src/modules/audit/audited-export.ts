import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../../common/auth/access.decorators';
import { AuditService } from './audit.service';

/** The file name a download was sent under (sendFile's RFC 5987 `filename*`). */
export function downloadName(disposition: unknown): string | null {
  if (typeof disposition !== 'string') return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * Writes one audit line per file a data export hands out (名单, 成绩, 题库 …), naming the file and
 * the filter it was cut with. Runs after the file went out, so the log never claims an export that
 * failed; an export that answers with an error writes nothing.
 */
@Injectable()
export class ExportAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      mergeMap((value: unknown) =>
        from(
          (async () => {
            const name = downloadName(reply.getHeader('content-disposition'));
            if (request.principal && name && reply.statusCode < 400) {
              const [path, search = ''] = request.url.split('?', 2);
              await this.audit.record(request.principal, 'data.export', { type: 'export', name }, `导出「${name}」`, {
                path,
                query: Object.fromEntries(new URLSearchParams(search)),
              });
            }
            return value;
          })(),
        ),
      ),
    );
  }
}

/** Marks a route that hands out a data file (Excel and the like) as one the audit log records. */
export const AuditedExport = () => applyDecorators(UseInterceptors(ExportAuditInterceptor));
