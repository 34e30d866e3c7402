/** Error pages and messages, the database connection and refused outbound fetches. */
export const errors = {
  notFound: '您访问的内容不存在或已被删除。',
  notFoundTitle: '页面不存在',
  forbidden: '您没有执行此操作的权限。',
  forbiddenTitle: '无权访问',
  serverTitle: '系统繁忙',
  server: '系统暂时无法处理您的请求，请稍后再试。如问题持续存在，请联系平台管理员。',
  validation: '提交的内容有误，请按提示修改标出的项目。',
  validationTitle: '提交的内容有误',
  csrf: '页面已过期或请求来源无法验证，请返回上一页刷新后重新提交。',
  csrfTitle: '请求无法验证',
  tooLarge: '提交的内容过大。',
  errorCode: '错误代码',
  badUrlTitle: '网址有误',
  badUrl: '您访问的网址格式不正确（含有无法识别的字符或编码），请检查网址后重试。',
  badRequestTitle: '请求有误',
  badRequest: '服务器无法处理此请求，请检查网址或稍后重试。',
  // Database faults (issue 11): busy, down or restarting answers 503; a lost unique race answers 409.
  unavailableTitle: '服务暂时不可用',
  unavailable: '系统暂时无法访问数据库，本次操作没有完成，请稍后再试。',
  busyForm: '系统繁忙，本次提交没有保存。您填写的内容已保留，请稍后重新提交。',
  busyFormFiles: '系统繁忙，本次提交没有保存。您填写的内容已保留（附件需要重新选择），请稍后重新提交。',
  conflictTitle: '操作冲突',
  conflict: '同一内容刚刚被他人同时提交，本次操作没有完成。请刷新页面核对后再决定是否重新提交。',
} as const;

export const db = {
  connectionLost: (detail: string) => `数据库连接中断（${detail}），下次访问时将自动重新连接。`,
} as const;

/** What the platform refuses to fetch (src/shared/outbound.ts). */
export const outbound = {
  badUrl: (url: string) => `地址无效：${url}`,
  notHttp: (url: string) => `只能访问 http 或 https 地址：${url}`,
  credentials: (url: string) => `地址中不能包含用户名或密码：${url}`,
  notAllowed: (origin: string) =>
    `${origin} 不是本平台的地址（GONGKAI_PUBLIC_URL，或本机监听的 HOST:PORT）；如确需访问其他主机，请由运维人员将其加入 GONGKAI_FETCH_ALLOWED_HOSTS。`,
  crossRedirect: (from: string, to: string) => `${from} 重定向到了另一个地址 ${to}，已停止访问。`,
} as const;
