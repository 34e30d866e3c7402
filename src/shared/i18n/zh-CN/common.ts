/** Words shared by many pages. */
export const common = {
  save: '保存',
  cancel: '取消',
  back: '返回',
  none: '无',
  yes: '是',
  no: '否',
  actions: '操作',
  /** The empty first option of a required select. */
  choose: '请选择',
} as const;
