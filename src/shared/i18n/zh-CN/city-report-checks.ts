/** The city view's check of its agencies' published annual reports (issue 15). */
export const cityReportChecks = {
  reportChecks: {
    nav: '年报核查',
    title: (year: number) => `所属机关 ${year} 年度报告核查`,
    lead: '逐一核查本级及所属机关已发布的年度报告：表格勾稽关系（R1–R5、表四总计）、正文所述数字与表格是否一致。数据只读，整改由各机关办理。',
    link: (year: number) => `核查各机关 ${year} 年度报告`,
    summary: '核查结果',
    agency: '机关',
    status: '报告',
    findings: '发现问题',
    notPublished: '未发布',
    published: '已发布',
    passed: '全部通过',
    findingCount: (n: number) => `${n} 项`,
    viewFindings: (name: string) => `查看${name}的问题`,
    none: '未发现问题。',
    notPublishedLead: '该机关本年度报告尚未发布，无从核查。',
    columns: { rule: '校验', table: '表', row: '行', column: '列', message: '问题' },
    csv: '下载问题清单（CSV）',
    read: (format: string) => `按${format}读取。`,
  },
} as const;
