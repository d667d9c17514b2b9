import { createHmac } from 'node:crypto';
import type { NotifyPlatform } from '@campus/shared';
import type { NotifyMessage } from './notify-message';

/**
 * Each platform's public webhook format, as documented by the platform:
 *
 * - 企业微信 群机器人 (developer.work.weixin.qq.com/document/path/91770, 群机器人配置说明):
 *   POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY with
 *   `{"msgtype":"markdown","markdown":{"content":"…"}}`; content at most 4096 bytes UTF-8; answers
 *   `{"errcode":0,"errmsg":"ok"}`; at most 20 messages a minute per robot. No signature.
 * - 钉钉 自定义机器人 (open.dingtalk.com/document/robots/custom-robot-access and
 *   …/customize-robot-security-settings): POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN
 *   with `{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}`; answers `{"errcode":0,…}`;
 *   20 messages a minute. 加签: `timestamp` (ms) and
 *   `sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)))` added
 *   to the query; the timestamp must be within one hour of DingTalk's clock.
 * - 飞书 自定义机器人 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
 *   POST https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN with a rich-text `post` message
 *   `{"msg_type":"post","content":{"post":{"zh_cn":{"title":"…","content":[[{"tag":"text","text":"…"}]]}}}}`;
 *   body at most 20 KB; answers `{"code":0,"msg":"success",…}` (e.g. 19021 when the signature fails).
 *   签名校验: `timestamp` (seconds, as a string) and
 *   `sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = ""))` in the JSON body.
 */

/** 企业微信 markdown content limit (bytes); the others allow more, so one budget fits all three. */
export const MESSAGE_BYTES = 4096;

export interface WebhookRequest {
  url: string;
  body: string;
}

export function buildRequest(
  platform: NotifyPlatform,
  webhookUrl: string,
  secret: string | null,
  message: NotifyMessage,
  nowMs: number,
): WebhookRequest {
  switch (platform) {
    case 'wecom':
      return { url: webhookUrl, body: JSON.stringify(wecomPayload(message)) };
    case 'dingtalk':
      return {
        url: secret ? dingtalkSignedUrl(webhookUrl, secret, nowMs) : webhookUrl,
        body: JSON.stringify(dingtalkPayload(message)),
      };
    case 'feishu': {
      const content = feishuPayload(message);
      const body = secret ? { ...feishuSignature(secret, nowMs), ...content } : content;
      return { url: webhookUrl, body: JSON.stringify(body) };
    }
  }
}

/** Markdown text both 企业微信 and 钉钉 render: a heading, the paragraphs, the link. */
export function markdownText(message: NotifyMessage): string {
  const parts = [`### ${markdownEscape(message.title)}`, ...message.lines.map(markdownEscape)];
  if (message.link) parts.push(`[${markdownEscape(message.link.text)}](${message.link.url})`);
  return parts.join('\n\n');
}

export function wecomPayload(message: NotifyMessage) {
  return { msgtype: 'markdown', markdown: { content: markdownText(message) } };
}

export function dingtalkPayload(message: NotifyMessage) {
  return { msgtype: 'markdown', markdown: { title: message.title, text: markdownText(message) } };
}

export function feishuPayload(message: NotifyMessage) {
  const content: Array<Array<Record<string, string>>> = message.lines.map((line) => [{ tag: 'text', text: line }]);
  if (message.link) content.push([{ tag: 'a', text: message.link.text, href: message.link.url }]);
  return { msg_type: 'post', content: { post: { zh_cn: { title: message.title, content } } } };
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

function dingtalkSignedUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(nowMs));
  url.searchParams.set('sign', dingtalkSign(secret, nowMs));
  return url.toString();
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

function feishuSignature(secret: string, nowMs: number): { timestamp: string; sign: string } {
  const seconds = Math.floor(nowMs / 1000);
  return { timestamp: String(seconds), sign: feishuSign(secret, seconds) };
}

/**
 * Names and titles are people's own text: characters that markdown would take as markup are
 * escaped so a name like `*` or `[x](y)` shows as written.
 */
function markdownEscape(text: string): string {
  return text.replace(/[\\`*_[\]()#>!<]/g, (c) => `\\${c}`);
}

/**
 * What the receiver said, for the admin: success only on HTTP 2xx with errcode/code 0 (both
 * platforms answer HTTP 200 with an error code when they refuse a message).
 */
export function receiverVerdict(platform: NotifyPlatform, status: number, text: string): string | null {
  const answer = `HTTP ${status}${text ? `：${text.slice(0, 300)}` : ''}`;
  if (status < 200 || status >= 300) return answer;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `接收方应答不是 JSON（${answer}）`;
  }
  const body = (parsed ?? {}) as { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown };
  const code = platform === 'feishu' ? (body.code ?? body.errcode) : body.errcode;
  if (code === 0 || code === undefined) return null;
  const why = platform === 'feishu' ? (body.msg ?? body.errmsg) : body.errmsg;
  return `错误码 ${scalar(code)}：${scalar(why)}`.slice(0, 500);
}

function scalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
