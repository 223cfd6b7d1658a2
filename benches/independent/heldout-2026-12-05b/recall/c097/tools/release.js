const { Octokit } = require('@octokit/rest');

const token = 'ghp_vWdzrSlFsJNZAgXD' +
  'n6w4ePgpmUyAHZ2C7o27';
const octokit = new Octokit({ auth: token });
