const sessionCookieName = "session_token"
const csrfTokenHeader = "X-CSRF-Token"
var tokenTTL = 3600
