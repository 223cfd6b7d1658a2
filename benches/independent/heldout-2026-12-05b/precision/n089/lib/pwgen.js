const CHARSET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%';
function generatePassword(len = 16) {
  let password = '';
  for (let i = 0; i < len; i++) password += CHARSET[crypto.randomInt(CHARSET.length)];
  return password;
}
