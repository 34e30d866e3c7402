/** The pages around every module: the site frame, the portal navigation and the platform and agency home pages. */
export const site = {
  platformName: '政府信息公开平台',
  skipToContent: '跳转到主要内容',
  elderMode: '适老化模式',
  elderModeOff: '退出适老化模式',
  footerNote: '本平台依据《中华人民共和国政府信息公开条例》建设运行',
  home: '首页',
  breadcrumb: '当前位置',
  backHome: '返回首页',
} as const;

export const nav = {
  disclosureColumn: '政府信息公开',
  guide: '公开指南',
  catalogue: '公开目录',
  apply: '依申请公开',
  track: '申请查询',
  reports: '公开年报',
} as const;

export const portal = {
  welcome: '政府信息公开平台',
  intro: '本平台集中发布各机关主动公开的政府信息，受理政府信息公开申请，并公布政府信息公开工作年度报告。',
  agencies: '公开主体',
  noAgencies: '平台尚未开设任何机关的公开栏目。',
  agencyKind: { department: '部门', government: '人民政府' },
  contact: '联系方式',
  officeName: '受理机构',
  address: '办公地址',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  postcode: '邮政编码',
  notProvided: '未提供',
  columnLead: '按照《中华人民共和国政府信息公开条例》，本机关主动公开以下政府信息，并受理政府信息公开申请。',
} as const;
