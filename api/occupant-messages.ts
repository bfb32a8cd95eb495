/**
 * Every fixed word of the occupant pages (`/r/{code}`, the follow page, the rating page and their
 * error pages), one table per language. What staff wrote (equipment names, tips, notices, answers)
 * is shown as written and is not here. `{name}` marks a value filled in by `occupantText`.
 */

export const OCCUPANT_LANGUAGES = ['en', 'zh-CN'] as const
export type OccupantLanguage = (typeof OCCUPANT_LANGUAGES)[number]

const EN = {
  // The frame of every page.
  brand: 'Vigil',
  languageNav: 'Language',
  /** The switch's label: the other language, in its own words. */
  otherLanguage: '中文',

  // The report page.
  notices: 'Notices',
  timeSpan: '{start} – {end}',
  beforeYouReport: 'Before you report',
  selfHelpTips: 'Self-help tips',
  reportProblem: 'Report a problem',
  checkForm: 'Please check the form:',
  whatIsIt: 'What is it?',
  kind_fault: 'Something is broken',
  kind_complaint: 'A complaint',
  kind_suggestion: 'A suggestion',
  whatHappened: 'What happened?',
  descriptionPlaceholder: 'What you noticed, where, and since when',
  photoLabel: 'Photo (optional)',
  photoHint: 'JPEG, PNG, WebP or HEIC, up to {size}.',
  contactLabel: 'How can we reach you? (optional)',
  contactHint: 'A phone number or e-mail, only if you want us to call you back. Seen by the maintenance team only.',
  sendReport: 'Send report',
  noAccount: 'No account needed. After sending you get a private link to follow what happens.',

  // The report form's mistakes.
  errorKind: 'Choose whether this is a fault, a complaint or a suggestion.',
  errorDescriptionShort: 'Describe what is wrong in a few words.',
  errorDescriptionLong: 'Please keep the description under {max} characters.',
  errorContactLong: 'Please keep the contact details under {max} characters.',
  errorPhotoAgain: 'Please choose the photo again.',
  errorPhotoTooLarge: 'The photo is too large: the limit is {size}. Choose a smaller photo, or send the report without one.',
  errorPhotoType: 'The photo must be a JPEG, PNG, WebP or HEIC image.',
  errorPhotoUnreadable: 'The photo could not be read; choose it again.',
  errorForm: 'The form could not be read. Please fill it in and send it again.',

  // The follow page.
  title_fault: 'Fault report {id}',
  title_complaint: 'Complaint {id}',
  title_suggestion: 'Suggestion {id}',
  thanks_fault: 'Thank you, your fault report was received.',
  thanks_complaint: 'Thank you, your complaint was received.',
  thanks_suggestion: 'Thank you, your suggestion was received.',
  keepLink: 'Keep this private link to follow it (bookmark this page); anyone with the link can see its progress:',
  status: 'Status',
  sentAt: 'Sent {time}',
  receivedFault: 'Received; the maintenance team will look at it',
  receivedFeedback: 'Received; the team will answer here',
  answered: 'Answered',
  answerFromTeam: 'Answer from the team',
  progress: 'Progress',
  whatYouWrote: 'What you wrote',
  photoAlt: 'The photo you sent',
  ratedRepair: 'You rated this repair {score} out of 5. Thank you.',
  isItFixed: 'Is it fixed? Tell us how we did.',
  rateRepair: 'Rate the repair',
  status_open: 'Waiting for an engineer',
  status_assigned: 'An engineer has been assigned',
  status_accepted: 'An engineer is on the way',
  status_in_progress: 'Being repaired',
  status_resolved: 'Fixed',
  status_closed: 'Fixed and closed',
  status_cancelled: 'Cancelled',
  status_reopened: 'Being looked at again',
  step_open: 'Reported; waiting for an engineer',
  step_assigned: 'An engineer has been assigned',
  step_accepted: 'An engineer accepted the job',
  step_in_progress: 'Work has started',
  step_resolved: 'The engineer reports it fixed',
  step_closed: 'Checked and closed',
  step_cancelled: 'Cancelled by the maintenance team',
  step_reopened: 'Reopened: it was not fixed after all',
  step_check_in: 'The engineer arrived and started work',
  step_decline: 'Being passed to another engineer',

  // Pages that only say something.
  unknownCodeTitle: 'This code is not in use',
  unknownCodeWhy: 'The QR code you scanned does not belong to any equipment we look after: it may have been replaced by a new sticker, or mistyped.',
  unknownCodeWhatToDo: 'Scan the sticker on the equipment again. If it still does not work, tell the building reception or the maintenance team what is wrong and where.',
  unknownLinkTitle: 'This link is not valid',
  unknownLinkWhy: 'We could not find a report for this link. Check that you opened the whole link, exactly as you received it.',
  unknownLinkWhatToDo: "If you lost it, scan the equipment's QR code and report the problem again.",
  tooManyTitle: 'Too many reports',
  tooManyFromAddress: 'You have sent several reports about this equipment recently, so we are not taking more for now. The maintenance team has them.',
  tooManyForEquipment: 'This equipment has received many reports recently, so we are not taking more for now. The maintenance team has them.',
  retryInMinute: "Please try again in about {minutes} minute. If it is an emergency, call the building's emergency number.",
  retryInMinutes: "Please try again in about {minutes} minutes. If it is an emergency, call the building's emergency number.",

  // The rating page.
  ratingGoneTitle: 'This rating link no longer works',
  ratingGoneWhy: 'It was used already or has expired (links last 48 hours).',
  ratingGoneWhatToDo: 'Ask the engineering team for a new one if you still want to rate the work.',
  ratingThanksTitle: 'Thank you',
  ratingRecorded: 'Your rating of {score} out of 5 was recorded. The engineering team reads every rating.',
  ratingTitle: 'How did we do?',
  ratingSubtitle: 'Work order {id}: {title}',
  yourRating: 'Your rating',
  scoreChoice: '{score} – {label}',
  score_5: 'Excellent',
  score_4: 'Good',
  score_3: 'Acceptable',
  score_2: 'Poor',
  score_1: 'Very poor',
  commentLabel: 'Comment (optional)',
  sendRating: 'Send rating',
  linkWorksOnce: 'This link works once.'
} as const

export type OccupantMessageKey = keyof typeof EN

/** Simplified Chinese, for buildings in mainland China. Every English key, no other. */
const ZH: Record<OccupantMessageKey, string> = {
  brand: 'Vigil',
  languageNav: '语言',
  otherLanguage: 'English',

  notices: '通知',
  timeSpan: '{start} 至 {end}',
  beforeYouReport: '报修前请先看看',
  selfHelpTips: '自助提示',
  reportProblem: '报告问题',
  checkForm: '请检查表单：',
  whatIsIt: '您要反映什么？',
  kind_fault: '设备故障',
  kind_complaint: '投诉',
  kind_suggestion: '建议',
  whatHappened: '发生了什么？',
  descriptionPlaceholder: '您注意到了什么、在哪里、从什么时候开始',
  photoLabel: '照片（可选）',
  photoHint: 'JPEG、PNG、WebP 或 HEIC 格式，不超过 {size}。',
  contactLabel: '怎样联系您？（可选）',
  contactHint: '如需我们回电，请留下电话号码或电子邮箱。仅维修团队可见。',
  sendReport: '提交报告',
  noAccount: '无需注册账号。提交后您会得到一个私人链接，可随时查看处理进度。',

  errorKind: '请选择是故障、投诉还是建议。',
  errorDescriptionShort: '请用几句话描述问题。',
  errorDescriptionLong: '描述请不要超过 {max} 个字。',
  errorContactLong: '联系方式请不要超过 {max} 个字。',
  errorPhotoAgain: '请重新选择照片。',
  errorPhotoTooLarge: '照片太大：上限为 {size}。请选择小一些的照片，或不附照片直接提交。',
  errorPhotoType: '照片必须是 JPEG、PNG、WebP 或 HEIC 格式的图片。',
  errorPhotoUnreadable: '无法读取照片，请重新选择。',
  errorForm: '无法读取表单，请重新填写并提交。',

  title_fault: '故障报修 {id}',
  title_complaint: '投诉 {id}',
  title_suggestion: '建议 {id}',
  thanks_fault: '谢谢，您的故障报修已收到。',
  thanks_complaint: '谢谢，您的投诉已收到。',
  thanks_suggestion: '谢谢，您的建议已收到。',
  keepLink: '请保存这个私人链接（将本页加入书签）以便查看进度；任何拿到此链接的人都能看到进度：',
  status: '状态',
  sentAt: '提交于 {time}',
  receivedFault: '已收到，维修团队会处理',
  receivedFeedback: '已收到，团队会在这里答复',
  answered: '已答复',
  answerFromTeam: '团队的答复',
  progress: '进度',
  whatYouWrote: '您填写的内容',
  photoAlt: '您发送的照片',
  ratedRepair: '您给这次维修打了 {score} 分（满分 5 分）。谢谢！',
  isItFixed: '修好了吗？请告诉我们您的评价。',
  rateRepair: '评价维修',
  status_open: '等待工程师处理',
  status_assigned: '已指派工程师',
  status_accepted: '工程师正在赶来',
  status_in_progress: '正在维修',
  status_resolved: '已修好',
  status_closed: '已修好并关闭',
  status_cancelled: '已取消',
  status_reopened: '正在重新处理',
  step_open: '已报修，等待工程师',
  step_assigned: '已指派工程师',
  step_accepted: '工程师已接单',
  step_in_progress: '已开始维修',
  step_resolved: '工程师报告已修好',
  step_closed: '已检查并关闭',
  step_cancelled: '维修团队已取消',
  step_reopened: '重新处理：问题没有修好',
  step_check_in: '工程师已到场并开始维修',
  step_decline: '正在转交给其他工程师',

  unknownCodeTitle: '此二维码未启用',
  unknownCodeWhy: '您扫描的二维码不属于我们维护的任何设备：它可能已被新的贴纸替换，或者输入有误。',
  unknownCodeWhatToDo: '请重新扫描设备上的贴纸。如果仍然不行，请告诉大楼前台或维修团队出了什么问题、在什么位置。',
  unknownLinkTitle: '此链接无效',
  unknownLinkWhy: '找不到与此链接对应的报告。请确认您打开的是完整的链接，与收到的完全一致。',
  unknownLinkWhatToDo: '如果链接丢失了，请扫描设备上的二维码重新报告问题。',
  tooManyTitle: '报告次数过多',
  tooManyFromAddress: '您最近已就此设备提交了多次报告，暂时不再接收新的报告。维修团队已收到这些报告。',
  tooManyForEquipment: '此设备最近已收到很多报告，暂时不再接收新的报告。维修团队已收到这些报告。',
  retryInMinute: '请大约 {minutes} 分钟后再试。如遇紧急情况，请拨打大楼的紧急电话。',
  retryInMinutes: '请大约 {minutes} 分钟后再试。如遇紧急情况，请拨打大楼的紧急电话。',

  ratingGoneTitle: '此评价链接已失效',
  ratingGoneWhy: '链接已被使用或已过期（链接有效期为 48 小时）。',
  ratingGoneWhatToDo: '如果您仍想评价这项工作，请向工程团队索取新的链接。',
  ratingThanksTitle: '谢谢',
  ratingRecorded: '您的评分（{score} 分，满分 5 分）已记录。工程团队会阅读每一条评价。',
  ratingTitle: '我们做得怎么样？',
  ratingSubtitle: '工单 {id}：{title}',
  yourRating: '您的评分',
  scoreChoice: '{score} 分 – {label}',
  score_5: '非常满意',
  score_4: '满意',
  score_3: '一般',
  score_2: '不满意',
  score_1: '非常不满意',
  commentLabel: '意见（可选）',
  sendRating: '提交评价',
  linkWorksOnce: '此链接只能使用一次。'
}

/** The tables, for the test that no English leaks onto a Chinese page. */
export const OCCUPANT_MESSAGES: Readonly<Record<OccupantLanguage, Readonly<Record<OccupantMessageKey, string>>>> = { en: EN, 'zh-CN': ZH }

/** A key's words in one language, `{name}` placeholders filled from `values`. */
export type OccupantText = (key: OccupantMessageKey, values?: Readonly<Record<string, string | number>>) => string

export function occupantText(language: OccupantLanguage): OccupantText {
  const table = OCCUPANT_MESSAGES[language]
  return (key, values) => {
    const text = table[key]
    if (values === undefined) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole))
  }
}
