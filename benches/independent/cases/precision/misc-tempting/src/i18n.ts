export const messages = { passwordHint: "Use 12+ characters with a mix of letters, numbers & symbols", tokenHelp: "Paste your personal access token" };
