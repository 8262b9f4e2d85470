const { join } = require('node:path');
const { staleDist } = require('./dist-fresh');

module.exports = async () => {
  // Apps Script runs in the manifest's time zone; so do the tests, or a 1 January birth date read back
  // from a date cell could give the year before.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  const stale = staleDist(join(__dirname, '..', '..'));
  if (stale) throw new Error(stale);
};
