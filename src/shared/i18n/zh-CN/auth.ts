/** Signing in, roles and the first-run setup. */
export const auth = {
  loginTitle: '登录管理后台',
  username: '用户名',
  password: '密码',
  login: '登录',
  logout: '退出登录',
  badCredentials: '用户名或密码错误。',
  accountLocked: (until: string) => `登录失败次数过多，该账号已暂时锁定，${until}（北京时间）后可再次登录。如非本人操作，可请本机关管理员解除锁定。`,
  addressThrottled: (minutes: number) => `来自您所在网络的登录失败次数过多，请 ${minutes} 分钟后再试。`,
  inactive: '该账号已停用，请联系管理员。',
  loggedOut: '您已安全退出。',
  mustLogin: '请先登录管理后台。',
  passwordRule: '密码至少 10 位，且须包含字母和数字。',
  changePassword: '修改密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  wrongCurrentPassword: '当前密码不正确。',
  passwordMismatch: '两次输入的新密码不一致。',
  passwordChanged: '密码已修改，您在其他设备上的登录已全部退出。',
  // Told after signing in (failed attempts since the last sign-in) and on the users page (lock-out).
  failuresTitle: '登录安全提示',
  failuresSince: (count: number) => `自您上次登录以来，您的账号有 ${count} 次登录失败。`,
  lastFailure: (at: string, ip: string) => `最近一次：${at}（北京时间），来自 ${ip}。`,
  failuresAdvice: '如果不是您本人所为，可能有人在尝试您的密码，建议立即修改密码。',
  continue: '继续',
  lockedUntil: (until: string) => `已锁定至 ${until}`,
  notLocked: '正常',
  loginStatus: '登录状态',
  unlock: '解除锁定',
  unlocked: '已解除该账号的登录锁定。',
} as const;

export const roles = {
  admin: '管理员',
  editor: '编辑',
  reviewer: '审核员',
  leader: '领导',
  superadmin: '平台超级管理员',
} as const;

export const setup = {
  title: '初始设置',
  lead: '欢迎使用政府信息公开平台。请创建第一个机关及其管理员账号。',
  invalidLink: '初始设置链接无效或已使用。请查看服务器启动时打印的链接。',
  agencySection: '机关信息',
  adminSection: '管理员账号',
  submit: '完成设置',
  done: '设置完成，请使用刚创建的管理员账号登录。',
} as const;
