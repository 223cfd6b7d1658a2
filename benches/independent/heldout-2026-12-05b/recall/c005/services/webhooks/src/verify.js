'use strict';
const crypto = require('crypto');

const apiSecret = process.env.WEBHOOK_SIGNING_SECRET || 'ZoierB3ycQVF3Vd64CL6oTzWDadaL0DQEpFdJ5y+AOU=';

function verify(req) {
  const sig = req.get('X-Signature');
  const mac = crypto.createHmac('sha256', apiSecret).update(req.rawBody).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac));
}

module.exports = { verify };
