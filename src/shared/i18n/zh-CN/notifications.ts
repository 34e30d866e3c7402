/** Notifications: the outbox's labels, the mails and text messages to applicants and handlers, the online 补正. */
export const notifications = {
  channels: { email: '电子邮件', sms: '短信' } as Record<string, string>,
  statuses: { queued: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' } as Record<string, string>,
  kinds: {
    submitted: '申请已提交',
    received: '已收到申请',
    correction_requested: '补正通知',
    extended: '延长答复期限',
    longer_period: '延迟答复告知',
    fee_notice: '缴费通知',
    delivered: '答复已送达',
    correction_received: '申请人已在线补正',
  } as Record<string, string>,
  caseSection: '通知发送情况',
  caseCaption: '本案件发给申请人和承办人的通知（电子邮件、短信）及其发送情况',
  caseEmpty: '本案件尚无通知。申请人留有电子邮箱（或机关开通短信且申请人留有电话）时，系统在各办理环节自动通知申请人。',
  columns: { kind: '事项', channel: '方式', status: '状态', time: '时间（北京时间）', attempts: '尝试次数' },
  retryAt: '将重试',
  dispatchDone: (sent: number, retrying: number, failed: number) => `通知：已发送 ${sent} 条，待重试 ${retrying} 条，失败 ${failed} 条。`,
  dispatchError: (message: string) => `通知发送出错：${message}`,
  cliDescription: '发送待发的通知（电子邮件、短信），失败的按间隔重试；服务器每分钟也会自动执行',
  cliSms: '开通或关闭机关的短信通知：gongkai notify sms 机关代码 on|off',
  smsSet: (agency: string, on: boolean) => `${agency}：短信通知已${on ? '开通' : '关闭'}。`,
  smsBadValue: (v: string) => `开关应为 on 或 off，而不是“${v}”。`,
  noAgency: (code: string) => `没有代码为“${code}”的机关。`,
  noSmtpNote: '未设置 SMTP_URL：电子邮件通知保留在待发送队列中，设置后再发送。',
  smsLog: (to: string, text: string) => `短信（${to}）：${text}`,
  /** The texts sent to the applicant, one per step. Dates are written 2026年12月7日. */
  mail: {
    subject: (agency: string, what: string, trackingNo: string) => `【${agency}】${what}（查询号 ${trackingNo}）`,
    greeting: '您好：',
    submitted: (at: string) => `您于${at}在网上提交的政府信息公开申请已提交成功。本机关确认收到后，答复期限自确认收到之日起计算，我们会再通知您。`,
    received: (on: string, due: string | null) => `本机关已于${on}收到您的政府信息公开申请${due ? `，将于${due}前作出答复` : ''}。`,
    correction: (on: string, replyBy: string) => `本机关于${on}向您发出补正申请告知：您的申请内容需要补正，请于${replyBy}前补正。需要补正的事项：`,
    correctionAfter: '答复期限自本机关收到补正后的申请之日起计算。逾期无正当理由不补正的，视为放弃申请。',
    extended: (days: number, due: string | null) =>
      `经本机关政府信息公开工作机构负责人同意，您的申请的答复期限延长${days}个工作日${due ? `，本机关将于${due}前作出答复` : ''}。`,
    fee: (amount: number) =>
      `您的申请需缴纳信息处理费${amount}元，请自收到缴费通知之日起20个工作日内缴纳，缴费方式见查询页面的缴费通知。缴费期间不计入答复期限。`,
    delivered: (on: string) => `本机关已于${on}向您送达答复，您可以在查询页面查看答复告知书。`,
    agency: '受理机关：',
    trackingNo: '查询号：',
    queryCode: '查询码：',
    queryCodeNote: '（您在提交申请时选择了通过邮件接收查询码，请妥善保管，不要转发给他人。）',
    link: '查询办理进度：',
    linkNoUrl: (path: string) => `查询办理进度：请在本机关政府信息公开网站的“申请办理进度查询”页面（${path}）输入查询号和查询码。`,
    codeHint: '查询时请输入回执上的查询码。',
    footer: (agency: string, phone: string | null) => `本邮件由系统自动发送，请勿直接回复。如有疑问，请联系${agency}${phone ? `（电话：${phone}）` : ''}。`,
    sms: (agency: string, trackingNo: string, what: string, link: string | null) =>
      `【${agency}】您的政府信息公开申请（查询号${trackingNo}）：${what}${link ? `详见${link}` : ''}`,
  },
  /** To the handler when the applicant answers a 补正 online. */
  handler: {
    subject: (ref: string) => `申请 ${ref} 的申请人已在线补正`,
    body: (p: { agency: string; ref: string; on: string; due: string | null; files: number; link: string | null }) =>
      [
        '您好：',
        '',
        `${p.agency}的政府信息公开申请 ${p.ref} 的申请人已于${p.on}在线提交补正${p.files > 0 ? `（附件 ${p.files} 个）` : ''}。答复期限自收到补正之日起重新计算${p.due ? `，现为${p.due}` : ''}。`,
        p.link ? `办理页面：${p.link}` : '请登录政府信息公开平台查看。',
        '',
        '本邮件由系统自动发送，请勿直接回复。',
      ].join('\n'),
  },
  /** The ways a 补正 may be sent, from the agency's facts. */
  correctionWays: {
    lead: '补正可以通过以下方式提交：',
    online: '在线提交：在本机关政府信息公开网站的“申请办理进度查询”页面输入查询号和查询码后填写补正；',
    post: (address: string, postcode: string | null) =>
      `邮寄：${address}${postcode ? `（邮政编码 ${postcode}）` : ''}，请在信封上注明“政府信息公开申请补正”及查询号；`,
    inPerson: (address: string, hours: string | null) => `当面提交：${address}${hours ? `，办公时间 ${hours}` : ''}。`,
  },
  /** The tracking page's 补正 form and its confirmation. */
  correction: {
    formTitle: '在线补正',
    formLead: (replyBy: string) =>
      `请于 ${replyBy} 前按上方补正告知所列事项填写补正内容并提交。在本平台提交的补正，提交当日即为本机关收到补正之日，答复期限自该日起重新计算。`,
    textLabel: '补正内容',
    textHint: '逐项说明补正的内容，如所需信息的名称、文号、时间范围等（最多 5000 字）',
    filesLabel: '补正材料（可选）',
    filesHint: '最多 5 个文件，每个不超过 10 MB；可上传 PDF、JPG、PNG、DOCX、OFD',
    submit: '提交补正',
    textRequired: '请填写补正内容',
    textTooLong: '补正内容最多 5000 字',
    doneTitle: '补正已提交',
    done: (on: string) => `您的补正已于 ${on} 提交，本机关以该日为收到补正之日。`,
    doneDue: (due: string) => `答复期限重新计算，本机关将于 ${due} 前作出答复。`,
    doneProvisional: '该日期所在年份的节假日安排尚未公布，期限暂按周一至周五计算，公布后可能调整。',
    doneNext: '您可以随时凭查询号和查询码查询办理进度。',
    backToTrack: '返回查询页面',
    notAwaiting: '该申请目前不需要补正（可能已经补正，或已办结）。如有疑问，请联系本机关。',
    expired: '页面已过期（超过 2 小时未提交），请重新输入查询号和查询码后再提交补正。您填写的内容没有保存。',
    actorName: '申请人（在线补正）',
    sourceLabel: '补正材料',
  },
  mailQueryCode: '通过电子邮件把查询码发给我',
  mailQueryCodeHint: '不勾选时，邮件中不含查询码；查询码只在回执页面显示一次',
} as const;
