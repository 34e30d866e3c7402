/** Annual reports, part 2 of 3: the generated narrative text (merged into `t.reports`). */
export const reportsNarrative = {
  narrative: {
    self: { government: '本级政府', other: '我单位' },
    selfEndings: [
      ['委员会', '我委'],
      ['办公室', '我办'],
      ['局', '我局'],
      ['厅', '我厅'],
      ['委', '我委'],
      ['办', '我办'],
      ['院', '我院'],
      ['署', '我署'],
      ['部', '我部'],
      ['中心', '我中心'],
    ] as [string, string][],
    ordinals: ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'],
    ordinalItem: (ordinal: string, title: string, text: string) => `${ordinal}是${title}。${text}`,
    measure: (ordinal: string, text: string) => `${ordinal}是${text}。`,
    monthDay: (month: number, day: number) => `${month}月${day}日`,
    wan: (n: number) => `${n}万`,
    units: { items: '篇', cases: '件' },
    count: (label: string, n: number) => `${label}${n}件`,
    listSeparator: '，',
    enumSeparator: '、',
    clauseSeparator: '；',
    toFillMarker: '【待填写',
    yearMention: (y: number) => `${y}年`,
    same: (y: number) => `与${y}年度持平`,
    more: (y: number, d: number, unit: string) => `较${y}年度增加${d}${unit}`,
    less: (y: number, d: number, unit: string) => `较${y}年度减少${d}${unit}`,
    intro: (y: number, self: string) =>
      `${y}年，${self}认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，紧紧围绕年度政务公开重点工作任务，不断完善公开机制，丰富公开内容，创新公开形式，强化公开监督，稳步推动政府信息公开各项工作扎实开展。年度报告全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。`,
    active: {
      lead: (y: number, self: string) =>
        `${y}年，${self}深入推进政务公开工作，及时主动公开机构职能、政策文件、财政资金预决算、行政执法等信息，重要政策文件均通过政府网站信息公开专栏统一公开，实现集中公开、实时更新。`,
      published: (count: number, cmp: string) => `全年主动公开政务信息${count}篇${cmp}。`,
      interpretations: (count: number) => `全年共发布政策解读材料${count}篇，切实做到重要政策性文件、规范性文件与解读方案、解读材料“三同步”。`,
      noInterpretations: '全年未发布政策解读材料。',
      oneForm: (form: string) => `以${form}形式开展政策解读。`,
      forms: (list: string) => `不断丰富解读形式，以${list}等多样化形式提高政策宣传效果。`,
    },
    onRequest: {
      none: (y: number) => `${y}年未收到政府信息公开申请。`,
      counts: (y: number, received: number, closed: number, carriedIn: number, carriedOut: number, subjects: string) =>
        `${y}年共受理依申请公开${received}件，办结${closed}件${carriedIn > 0 ? `（含上年结转${carriedIn}件）` : ''}${carriedOut > 0 ? `，结转下年度继续办理${carriedOut}件` : ''}${subjects ? `，申请涉及${subjects}等方面的内容` : ''}。`,
      groups: { granted: '予以公开', partial: '部分公开', refused: '不予公开', unavailable: '无法提供', not_processed: '不予处理', other: '其他处理' },
      outcomes: (list: string) => `办理结果中，${list}。`,
      handling: '在申请接收、登记、办理、审核、按时答复、归档等各环节依法妥善办理。',
      previous: (py: number, self: string, before: number, y: number, cmp: string) =>
        `${py}年度，${self}共收到${before}件依申请公开，${y}年度依申请公开数量${cmp}。`,
      previousNone: (py: number, self: string) => `${py}年度，${self}未收到政府信息公开申请。`,
      noAppeals: (y: number) => `${y}年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。`,
      appeals: (y: number, rec: number, lit: number) => `${y}年因政府信息公开工作被申请行政复议${rec}件、提起行政诉讼${lit}件，详见第四部分。`,
    },
    management: {
      lead: (rules: string) =>
        `严格遵循“先审查后公开”的原则，按照规范流程做好信息公开审查和保密审查${rules ? `，严格执行${rules}` : ''}，加强对政务信息制作、获取、保存、处理等方面的管理。`,
      rule: (name: string) => `《${name}》`,
      issued: (count: number, onTime: string) => `全年共发布规范性文件${count}个，${onTime}在文件出台3个工作日之内开展配套解读。`,
      allOnTime: '全部',
      someOnTime: (k: number) => `其中${k}个`,
      noneIssued: '全年未制发行政规范性文件。',
      inForce: (y: number, inForce: number, repealed: number) =>
        `根据规范性文件清理情况动态更新，截至${y}年底，现行有效的行政规范性文件${inForce}件${repealed > 0 ? `，本年废止${repealed}件` : ''}。`,
      rules: (issued: number, inForce: number) => `本年制发规章${issued}件，现行有效规章${inForce}件。`,
    },
    platforms: {
      lead: '高度重视公开平台建设，明确专人分别负责政府网站、政府信息公开专栏、政务新媒体等平台内容更新。',
      website: (y: number, name: string, updates: number, visits: number) =>
        `${y}年“${name}”政府门户网站共更新各类政务动态类信息${updates}条，网站总访问量达${visits}次。`,
      newMedia: (accounts: string, posts: number, reads: string) => `${accounts}发布信息${posts}条，阅读量${reads}次。`,
      defaultAccounts: '政务新媒体',
      missing: '【待填写：政府网站更新和访问量、政务新媒体发布和阅读量（请先录入年度统计数据）】',
    },
    oversight: {
      lead: '进一步完善工作机制，健全政务公开工作领导小组，明确分管领导和具体工作人员，专门研究部署推进政务公开工作，确保政务公开工作扎实有效推进。',
      groupChanged: (reason: string, adjusted: boolean, name: string, detail: string, self: string) =>
        `进一步完善工作机制，${reason}${reason && adjusted ? '及时' : ''}${adjusted ? '调整了' : '成立了'}${name}${detail ? `，建立了${detail}的工作机制` : ''}，专门研究部署推进${self}政务公开工作，确保政务公开工作扎实有效推进。`,
      groupStanding: (name: string, detail: string, self: string) =>
        `进一步完善工作机制，${name}${detail ? `实行${detail}的工作机制` : '统筹推进政务公开工作'}，专门研究部署推进${self}政务公开工作，确保政务公开工作扎实有效推进。`,
      isMeeting: (topic: string) => topic.endsWith('会'),
      event: (date: string, verb: string, topic: string, notes: string | null) => `${date}，${verb}${topic}${notes ? `，${notes}` : ''}`,
      held: '召开',
      organised: '组织开展',
      oneTraining: (event: string, people: number | null) => `进一步强化学习交流，${event}${people === null ? '' : `，参加${people}人`}。`,
      trainings: (count: number, people: number | null, events: string) =>
        `进一步强化学习交流，全年共组织政务公开培训和会议${count}次${people === null ? '' : `、参加${people}人次`}：${events}。`,
      rectification: (sources: string) => `进一步抓好问题整改，对照${sources}反馈的问题清单，逐项销号整改，确保整改到位。`,
      lastSeparator: '和',
    },
    assessment: '【待填写：工作考核、社会评议和责任追究结果情况】',
    problems: {
      lead: (y: number, self: string, problems: string) =>
        `${y}年${self}政务公开工作总体上按照《条例》要求有效开展，但仍存在${problems}等问题。针对上述问题，${self}将以改进工作为切入点，推进政务公开工作向纵深发展。`,
      none: (y: number, self: string) =>
        `${y}年${self}政务公开工作总体上按照《条例》要求有效开展。【待填写：存在的主要问题及改进措施（可先在“问题整改清单”中登记）】`,
      previous: (py: number, total: number, closed: number) =>
        `${py}年度发现的${total}项问题，已整改到位${closed}项${total > closed ? `，其余${total - closed}项正在整改` : ''}。`,
    },
    other: {
      feesTitle: '信息公开收费情况',
      noFees: (self: string, y: number) => `${self}严格执行《政府信息公开信息处理费管理办法》有关规定，${y}年度未收取信息处理费。`,
      fees: (self: string, y: number, notices: number, amount: number) =>
        `${self}严格执行《政府信息公开信息处理费管理办法》有关规定，${y}年度共发出收费通知${notices}件，收取信息处理费${amount}元。`,
      workPlanTitle: '工作要点落实情况',
      defaultPlan: (y: number) => `${y}年政务公开工作要点`,
      workPlan: (title: string, tasks: string, progress: string) =>
        `严格贯彻落实《${title}》，${tasks ? `${tasks}，` : ''}明确责任分工，逐项对照落实${progress}。`,
      allTasksDone: (total: number) => `，${total}项工作任务已全部完成`,
      tasksDone: (total: number, done: number) => `，${total}项工作任务已完成${done}项，其余${total - done}项正在推进`,
      proposalsTitle: '人大建议、政协提案办理情况',
      innovationsTitle: '工作创新情况',
      cppcc: (y: number, self: string, sessions: string, count: number) => `${y}年，${self}共承办${sessions}提案${count}件。`,
      npcLead: (y: number, self: string) => `${y}年，${self}共`,
      npc: (sessions: string, count: number, prefix: string) => `${prefix}承办${sessions}人大代表建议${count}件。`,
      allOnTime: '所有建议、提案全部按时办结，并公开发布',
      someOnTime: (onTime: number, published: number) => `按时办结${onTime}件，公开答复${published}件`,
      fullSatisfaction: (both: boolean) => (both ? '，委员、代表满意率均为100%。' : '，满意率为100%。'),
      satisfaction: (cppcc: string | null, npc: string | null) =>
        `，${[cppcc === null ? '' : `委员满意率${cppcc}`, npc === null ? '' : `代表满意率${npc}`].filter(Boolean).join('，')}。`,
    },
    labels: { intro: '引言', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项' },
    sources: {
      received: '表三“本年新收”总计',
      closed: '表三“（七）总计”',
      carriedIn: '表三“上年结转”总计',
      carriedOut: '表三“结转下年度继续办理”总计',
      granted: '表三“予以公开”总计',
      published: '本年主动公开信息数',
      interpretations: '本年政策解读材料数',
      normativeIssued: '表二行政规范性文件“本年制发件数”',
      normativeInForce: '表二行政规范性文件“现行有效件数”',
      websiteUpdates: '年度统计数据“政府网站更新信息条数”',
      websiteVisits: '年度统计数据“政府网站总访问量”',
      newMediaPosts: '年度统计数据“政务新媒体发布信息条数”',
      newMediaReads: '年度统计数据“政务新媒体阅读量”',
      cppcc: '本年承办政协提案件数',
      npc: '本年承办人大代表建议件数',
      feeCollected: '年度统计数据“收取信息处理费金额”',
    },
    warnings: {
      number: (sentence: string, said: string, what: string, expected: number | string) => `“${sentence}”中的“${said}”与${what}（${expected}）不一致`,
      similar: (py: number, percent: number) => `与${py}年度报告同一部分的文字相似度为 ${percent}%，请结合本年度工作改写，避免内容雷同`,
      toFill: '还有【待填写】的内容',
      empty: '内容为空',
    },
  },
} as const;
