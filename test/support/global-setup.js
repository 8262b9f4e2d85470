// Apps Script runs in the manifest's time zone; so do the tests, or a 1 January birth date read back
// from a date cell could give the year before.
module.exports = async () => {
  process.env.TZ = 'Asia/Ho_Chi_Minh';
};
