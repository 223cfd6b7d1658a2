const KEYS = { ENTER: 13, ESCAPE: 27, TAB: 9 };
const keyboardShortcut = "ctrl+shift+k";
