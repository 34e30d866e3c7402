/** 依申请公开, issue 14: the five clock rules (merged into `t.applications` as `clock`). */
export const applicationsClock = {
  clock: {
    rules: {
      feeAlreadyDelivered: '收费通知已登记送达。',
      feeNotDelivered: '收费通知尚未登记送达申请人：缴费期限自申请人收到收费通知之日起计算，请先登记送达。',
      longerReason: '请说明申请数量或者频次明显超过合理范围的情况和确定该期限的理由。',
      longerNotLater: (d: string) => `延迟答复的期限应晚于当前的答复期限（${d}）。`,
      longerWhilePaused: '期限暂停计算期间（等待补正或缴费）不能确定延迟答复的期限。',
      longerTooLate: (d: string) => `答复期限已于 ${d} 届满，应在届满前确定延迟答复的期限。`,
      longerNotWorkday: '延迟答复的期限应为工作日。',
      officeHeadOnly: (who: string) => `此决定须由信息公开工作机构负责人作出（条例第三十三条）。本机关指定的负责人：${who}。`,
      nobody: '尚未指定（请机关管理员在“依申请公开设置”中指定）',
      roleHolders: (role: string) => `具有“${role}”角色的人员`,
      emailArrivalRequired: '本机关设置以电子邮件进入本机关邮箱系统之日为收到申请之日，请填写邮件到达日期。',
      arrivalAfterConfirmation: '邮件到达日期不能晚于双方确认的日期。',
      consultationReceivedBefore: '对方收到征求意见的日期不能早于发出日期。',
    },
    receiptEmailArrival: '通过公布的电子邮箱提交的，以该电子邮件进入行政机关电子邮箱系统之日为收到申请之日（按本机关设置）。',
    receiptEmailConfirmed: '通过公布的电子邮箱提交的，属于互联网渠道，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。',
    form: {
      consultationReceivedOnLabel: '对方收到征求意见的日期',
      consultationReceivedOnHint: '对方在收到之日起 15 个工作日内提出意见，逾期视为期满，本机关依法作出决定；不填即按发出当日计算。',
      emailArrivedOnLabel: '邮件进入本机关邮箱系统的日期（电子邮件）',
      emailArrivedOnHint: '通过电子邮件提交的申请填写。上面的“收到日期”填写双方确认之日。',
      longerDueOnLabel: '延迟答复至',
      longerDueOnHint: '由本机关确定的合理期限，须晚于当前答复期限并为工作日；不受延期合计 20 个工作日的限制。',
      longerReasonLabel: '理由',
      longerReasonHint: '申请数量或者频次明显超过合理范围的情况，以及本机关无法在规定期限内答复的原因。',
    },
    actions: {
      record_fee_notice_delivery: {
        title: '登记收费通知送达',
        button: '登记送达',
        hint: '缴费期限为申请人收到收费通知之日起 20 个工作日。',
      },
      set_longer_period: {
        title: '确定延迟答复的合理期限（第三十五条）',
        button: '确定期限',
        hint: '申请人申请公开政府信息的数量、频次明显超过合理范围，说明的理由合理，但无法在规定期限内答复的，可以确定延迟答复的合理期限并告知申请人。',
      },
    },
    done: {
      record_fee_notice_delivery: '已登记收费通知送达，缴费期限开始计算。',
      set_longer_period: '已确定延迟答复的合理期限，申请人可在查询页面看到告知。',
    },
    events: {
      fee_notice_delivered: '收费通知送达申请人',
      longer_period: '确定延迟答复的合理期限（第三十五条）',
      receipt_date_changed: '收到申请日期按本机关设置调整',
    },
    eventDetail: {
      longerPeriod: (dueOn: string, reason: string) => `答复期限延至 ${dueOn}，理由：${reason}`,
      receiptDateChanged: (from: string, to: string) => `${from} 改为 ${to}`,
      consultationReceived: (d: string | null, limit: string) => `${d ? `对方于 ${d} 收到，` : ''}征求意见期至 ${limit}`,
    },
    summary: {
      longerPeriod: '延迟答复（第三十五条）',
      consultationTentative: (limit: string) => `征求意见期至 ${limit}；答复期限按征求意见期满计算，提前结束时相应提前`,
      consultationLapsed: (limit: string) => `征求意见期已于 ${limit} 届满，期限已恢复计算，请作出答复决定`,
      feeAwaitingDelivery: '收费通知尚未登记送达，缴费期限自申请人收到之日起计算',
    },
    todo: {
      label: '征求意见期满',
      action: '征求意见期满，请作出答复决定',
      record: (ref: string, subject: string) => `申请 ${ref} ${subject}`,
      basis: '条例第三十二条 15个工作日',
    },
    notices: {
      longerPeriod: (dueOn: string) =>
        `您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的合理期限，将于 ${dueOn} 前答复。`,
      feePayWithin: '请自收到本通知之日起 20 个工作日内缴纳。',
    },
    settings: {
      receiptLegend: '电子邮件申请的收到日期',
      receiptConfirmed: '以双方确认之日为收到申请之日（默认）',
      receiptConfirmedNote:
        '《政府信息公开条例》（2019 年修订）第三十一条第（三）项：申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日。电子邮件属于互联网渠道。',
      receiptArrival: '以电子邮件进入本机关邮箱系统之日为收到申请之日',
      receiptArrivalNote:
        '国办公开办函〔2015〕207号的解释（条例修订前）：通过电子邮箱提交的，以该电子邮件进入行政机关电子邮箱系统之日为收到申请之日。对申请人更有利，但早于 2019 年条例的规定。',
      receiptMoved: (n: number) => `改变此设置后，正在办理的电子邮件申请的收到日期和答复期限将重新计算（本次涉及 ${n} 件）。`,
      approverLegend: '信息公开工作机构负责人（批准延期）',
      approverNote:
        '条例第三十三条第二款：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人。只有下列人员可以批准或不予批准延期，以及确定第三十五条的延迟答复期限。',
      approverUsers: '指定的负责人',
      approverRole: '或按角色',
      approverRoleNone: '不按角色（只限指定人员）',
      approverRequired: '请至少指定一名负责人或选择一个角色。',
      approverNotMember: '指定的负责人须为本机关的在职人员。',
      movedCases: (n: number) => `已重新计算 ${n} 件正在办理的电子邮件申请的收到日期和答复期限。`,
    },
  },
} as const;
