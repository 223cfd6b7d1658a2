const okta = require('@okta/okta-sdk-nodejs');

const client = new okta.Client({
  orgUrl: 'https://dev-4821937.okta.com/',
  token: '00RUzaKXVuh56bz0KVahsaNXSmM4YfWyKslEmyX-di',
});
