import type { NotifyPlatform } from '@campus/shared';

/** Where each platform's robots live: https on the default port, this host, this path. */
const PLATFORM_WEBHOOKS: Record<NotifyPlatform, { hosts: string[]; path: RegExp; token: (url: URL) => string | null }> =
  {
    wecom: {
      hosts: ['qyapi.weixin.qq.com'],
      path: /^\/cgi-bin\/webhook\/send$/,
      token: (url) => url.searchParams.get('key'),
    },
    dingtalk: {
      hosts: ['oapi.dingtalk.com'],
      path: /^\/robot\/send$/,
      token: (url) => url.searchParams.get('access_token'),
    },
    feishu: {
      hosts: ['open.feishu.cn', 'open.larksuite.com'],
      path: /^\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9-]{8,100}$/,
      token: (url) => url.pathname.split('/').pop() ?? null,
    },
  };

export const PLATFORM_EXAMPLES: Record<NotifyPlatform, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

/**
 * Checks a webhook address for a platform and answers a Chinese reason when it is refused, else
 * null. Only the platform's own https host is accepted, so a robot cannot be pointed at an
 * arbitrary address (the server would post to it); hosts the operator lists in NOTIFY_RELAY_HOSTS
 * (an intranet relay) are accepted with http or https and any path.
 */
export function webhookProblem(platform: NotifyPlatform, raw: string, relayHosts: readonly string[]): string | null {
  if (raw.length > 500) return 'Webhook 地址过长（最多 500 个字符）';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `Webhook 地址格式不正确，应形如 ${PLATFORM_EXAMPLES[platform]}`;
  }
  if (url.username || url.password) return 'Webhook 地址不能包含用户名或密码';
  if (url.hash) return 'Webhook 地址不能包含 # 片段';
  const host = url.host.toLowerCase();
  if (relayHosts.includes(host) || relayHosts.includes(url.hostname.toLowerCase())) {
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'Webhook 地址必须以 http:// 或 https:// 开头';
  }
  const known = PLATFORM_WEBHOOKS[platform];
  if (url.protocol !== 'https:') return 'Webhook 地址必须使用 https://';
  if (!known.hosts.includes(host)) {
    return `Webhook 地址的主机应为 ${known.hosts.join(' 或 ')}（${PLATFORM_EXAMPLES[platform]}）；经内网转发时请由信息中心在 NOTIFY_RELAY_HOSTS 中登记转发主机`;
  }
  if (!known.path.test(url.pathname)) return `Webhook 地址的路径不正确，应形如 ${PLATFORM_EXAMPLES[platform]}`;
  const token = known.token(url);
  if (!token || token.length < 8) return `Webhook 地址缺少机器人的 key/token，应形如 ${PLATFORM_EXAMPLES[platform]}`;
  return null;
}

/** The address with every key-like part masked: enough to recognise it, not to use it. */
export function maskWebhook(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '（地址无效）';
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (segment.length >= 16 ? maskToken(segment) : segment))
    .join('/');
  const query = [...url.searchParams.entries()].map(([k, v]) => `${k}=${maskToken(v)}`).join('&');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}

export function maskToken(value: string): string {
  if (value.length <= 8) return '****';
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}
