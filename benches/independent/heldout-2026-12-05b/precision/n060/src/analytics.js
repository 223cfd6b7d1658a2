gtag('config', 'G-0CWD3P2BZ3');
const requestId = '1f7295bd-2d25-44b3-b6ed-6a47bb2837c9';
const sessionKey = 'sess_' + Date.now();
