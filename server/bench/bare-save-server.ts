/**
 * The ceiling of an HTTP save on this stack: node:http, the platform's own token check, and the
 * platform's own save statement through a mysql2 pool — no framework, no validation library.
 * Started by exam.bench.ts with PORT, DATABASE_URL, AUTH_SECRET and POOL in the environment.
 */
import { createSecretKey } from 'node:crypto';
import http from 'node:http';
import { createPool } from 'mysql2/promise';
import { AuthSecret } from '../src/common/auth/auth-secret';
import { TokenService } from '../src/common/auth/token.service';
import { AppConfig } from '../src/config/app-config';
import { SAVE_ANSWER_SQL, saveAnswerParams } from '../src/modules/exams/attempt-sql';

const config = new AppConfig();
const tokens = new TokenService(new AuthSecret(createSecretKey(Buffer.from(process.env.AUTH_SECRET ?? ''))), config);
const pool = createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: Number(process.env.POOL ?? 20),
  timezone: 'Z',
});
const ROUTE = /^\/api\/attempts\/(\d+)\/answers\/(\d+)$/;

const server = http.createServer((req, res) => {
  const match = ROUTE.exec(req.url ?? '');
  const claims = tokens.verify(String(req.headers.authorization ?? '').slice(7));
  if (req.method !== 'PUT' || !match) return void res.writeHead(404).end();
  if (!claims) return void res.writeHead(401).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { answer: string[] };
    const answer = body.answer.length ? [...body.answer].sort().join('') : null;
    pool
      .execute(
        SAVE_ANSWER_SQL,
        saveAnswerParams(answer, new Date(), Number(match[1]), Number(match[2]), claims.sub) as never,
      )
      .then(([result]) => res.writeHead((result as { affectedRows: number }).affectedRows > 0 ? 204 : 409).end())
      .catch(() => res.writeHead(503).end());
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
