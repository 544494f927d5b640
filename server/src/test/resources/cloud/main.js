// A Parse app's cloud code, written as apps write it for Parse Server.
const { greeting } = require('./lib/greeting.js');

Parse.Cloud.define('hello', (request) => {
  return greeting(request.params.name || 'world');
});

Parse.Cloud.define('averageStars', async (request) => {
  const stars = request.params.stars || [];
  const sum = stars.reduce((a, b) => a + b, 0);
  return stars.length ? sum / stars.length : 0;
});

Parse.Cloud.define('whoAmI', (request) => {
  return {
    master: request.master,
    user: request.user ? request.user.get('username') : null,
    installationId: request.installationId || null,
  };
}, { requireUser: true });

Parse.Cloud.define('masterOnly', () => 'secret', { requireMaster: true });

Parse.Cloud.define('typed', (request) => request.params.count * 2, {
  fields: { count: { type: Number, required: true }, mode: { options: ['a', 'b'], default: 'a' } },
});

Parse.Cloud.define('throwsParseError', () => {
  throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'nothing here');
});

Parse.Cloud.define('throwsString', () => {
  throw 'plain failure';
});

Parse.Cloud.define('rejects', async () => {
  throw new Error('async failure');
});

Parse.Cloud.define('endlessLoop', () => {
  for (;;) { /* a handler that never returns */ }
});

Parse.Cloud.define('neverSettles', () => new Promise(() => {}));

Parse.Cloud.define('logs', (request) => {
  request.log.info('logged from cloud code');
  return true;
});
