import { defineMessages } from './define-messages.js'

/** Sign-in with a username and password, or with an API token (the frame's own strings name the token form). */
export const SIGN_IN_MESSAGES = defineMessages({
  en: {
    usernameLabel: 'Username',
    passwordLabel: 'Password',
    useTokenInstead: 'Use an API token instead',
    usePasswordInstead: 'Use a username and password',
    badPassword: 'The username or password is not right. Check them and try again.',
    tooManySignIns: 'Too many failed attempts for this username. Try again in {minutes} min.'
  },
  'zh-CN': {
    usernameLabel: '用户名',
    passwordLabel: '密码',
    useTokenInstead: '改用 API 令牌',
    usePasswordInstead: '改用用户名和密码',
    badPassword: '用户名或密码不正确。请检查后重试。',
    tooManySignIns: '此用户名失败次数过多，请 {minutes} 分钟后再试。'
  }
})
