/** Agencies, users, the admin console frame and the audit log. */
export const agency = {
  code: '机关代码',
  codeHint: '小写字母开头，可含小写字母、数字和连字符，2–32 位，用于网址，如 lcgxj',
  name: '机关名称',
  kind: '机关类型',
  parent: '上级机关',
  creditCode: '统一社会信用代码',
  creditCodeHint: '18 位，用于生成索引号',
  officeName: '政府信息公开工作机构',
  address: '办公地址',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  postcode: '邮政编码',
  codeTaken: '该机关代码已被使用。',
  codeReserved: '该机关代码为系统保留字，请换一个。',
  badCreditCode: '统一社会信用代码应为 18 位数字或大写字母，且校验位正确。',
  notFound: '机关不存在。',
  departments: '内设科室',
} as const;

export const user = {
  displayName: '姓名',
  email: '电子邮箱',
  roles: '角色',
  usernameTaken: '该用户名已被使用。',
  usernameRule: '用户名为 3–32 位小写字母、数字、点、下划线或连字符。',
} as const;

export const admin = {
  consoleTitle: '管理后台',
  home: '后台首页',
  myAgencies: '我的机关',
  noAgencies: '您的账号尚未分配到任何机关，请联系平台管理员。',
  signedInAs: '当前用户',
  agencyHome: '机关工作台',
  modules: '工作模块',
  audit: '操作日志',
  users: '用户管理',
  settings: '机关设置',
  platform: '平台管理',
} as const;

export const audit = {
  title: '操作日志',
  at: '时间',
  actor: '操作人',
  action: '操作',
  entity: '对象',
  empty: '暂无操作记录。',
  /** Readable names of audited actions; an unknown action shows its code. */
  actions: {
    'agency.create': '创建机关',
    'agency.update': '修改机关信息',
    'department.create': '新增科室',
    'user.create': '创建用户',
    'user.password.change': '修改密码',
    'auth.login': '登录',
    'calendar.year.load': '载入节假日安排',
    'calendar.year.replace': '更正节假日安排',
    'calendar.year.unload': '撤销节假日安排',
    'compliance.run': '合规自查',
    'compliance.setting': '修改自查指标设置',
    'compliance.manual': '设置人工指标',
    'compliance.probe': '检测在线申请渠道',
    'application.probe_withdrawn': '撤回渠道检测的测试申请',
  } as Record<string, string>,
  entities: {
    agency: '机关',
    department: '科室',
    user: '用户',
    calendar_year: '节假日安排',
    compliance_run: '自查记录',
    channel_probe: '渠道检测记录',
    indicator: '自查指标',
  } as Record<string, string>,
} as const;
