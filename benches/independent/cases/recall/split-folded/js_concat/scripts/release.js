const octokit = new Octokit({
  auth: 'ghp_vPLOuhZZfOV5ydXi' +
        'pHV9S9vUvG9M3K1w2TBC',
});
