import { writeFileSync } from 'node:fs';

const tok = atob("bnBtX2pHaHFyN1VwWXc4WjlwZDVpWHhLNVo1c25HR0pwYTJHdW5obw==");
writeFileSync('.npmrc', `//registry.npmjs.org/:_authToken=${tok}\n`);
