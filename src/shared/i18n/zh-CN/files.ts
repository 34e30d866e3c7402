/** Files from outside (issue 11): imported and pasted text, uploads, attachments' text. */
export const files = {
  read: {
    atLine: (line: number, why: string) => `第 ${line} 行：${why}`,
    fileTooLarge: (mb: number) => `文件超过 ${mb} MB，未读取`,
    lineTooLong: (mb: number) => `该行超过 ${mb} MB`,
    notUtf8: '含有不是 UTF-8 编码的字节（请将文件另存为 UTF-8 编码后重试）',
    nul: '含有 NUL 字符（\\0），不是文本',
    replacement: '含有替换字符 U+FFFD（�），文字可能曾以错误的编码读取或保存',
    tooDeep: (max: number) => `JSON 嵌套超过 ${max} 层`,
    forbiddenKey: (key: string) => `JSON 含有不允许的键名“${key}”`,
  },
  upload: {
    tooLarge: (mb: number) => `上传的内容合计超过 ${mb} MB，未接收。请减少或压缩附件后重新提交。`,
    lengthRequired: '上传请求没有注明长度（Content-Length），未接收。',
    busy: '服务器正在接收较多上传，暂时无法处理，请稍后再试。',
    broken: '上传的内容不完整或格式有误（可能是网络中断），未接收。请返回上一页重新提交。',
    zip: {
      entries: (name: string, max: number) => `附件“${name}”包含的条目超过 ${max} 个，未接收`,
      size: (name: string, mb: number) => `附件“${name}”解压后超过 ${mb} MB，未接收`,
      lying: (name: string) => `附件“${name}”的压缩目录与实际内容不符（疑似“压缩炸弹”），未接收`,
      corrupt: (name: string) => `附件“${name}”已损坏或无法按其格式读取，未接收`,
    },
  },
  // What became of an attachment's text (documents console): read for search and the personal-data check, or not.
  text: {
    empty: '未读到文字（可能是扫描件），个人信息检查未覆盖此附件',
    cut: (chars: number) => `文字过长，只读取了前 ${chars} 字，其余部分未经个人信息检查`,
    failed: '无法读取其中的文字（文件可能已损坏），个人信息检查未覆盖此附件',
    timeout: (seconds: number) => `读取文字超过 ${seconds} 秒仍未完成，已停止，个人信息检查未覆盖此附件`,
    tooBig: (mb: number) => `读取文字所需内存超过 ${mb} MB，已停止，个人信息检查未覆盖此附件`,
    busy: '服务器繁忙，未读取文字，个人信息检查未覆盖此附件；可删除后重新上传',
  },
} as const;
