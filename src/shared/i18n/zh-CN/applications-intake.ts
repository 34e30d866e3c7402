/** 依申请公开, issue 13: the form's held attachments and 依申请公开转主动公开 (merged into `t.applications`). */
export const applicationsIntake = {
  held: {
    legend: '已保留的附件',
    lead: (minutes: number) => `上次提交时选择的以下附件已为您保留 ${minutes} 分钟，再次提交时将一并提交，无需重新选择。`,
    remove: (name: string) => `移除“${name}”`,
    dropped: '以下附件未能保留，请检查后重新选择：',
    noRoom: '暂存空间已满，请稍后再试或直接提交申请',
    notKept: (name: string, why: string) => `附件“${name}”未能保留：${why}`,
    size: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`),
  },
} as const;
