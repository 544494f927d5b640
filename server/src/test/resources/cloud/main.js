// A Parse app's cloud code, written as apps write it for Parse Server.
const { greeting } = require('./lib/greeting.js');
const slug = require('tiny-slug');

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

// the official Parse JS SDK inside handlers, reaching this server in-process
Parse.Cloud.define('saveAndQuery', async (request) => {
  const score = new Parse.Object('CloudScore');
  score.set('player', request.params.player);
  score.set('points', request.params.points);
  await score.save(null, { useMasterKey: true });
  const found = await new Parse.Query('CloudScore').equalTo('player', request.params.player)
    .find({ useMasterKey: true });
  return { id: score.id, count: found.length, points: found[0].get('points') };
});

Parse.Cloud.define('asCaller', async (request) => {
  const note = new Parse.Object('CloudNote');
  note.set('text', 'mine');
  note.setACL(new Parse.ACL(request.user));
  await note.save(null, { sessionToken: request.user.getSessionToken() });
  const mine = await new Parse.Query('CloudNote').find({ sessionToken: request.user.getSessionToken() });
  const anonymous = await new Parse.Query('CloudNote').find();
  return { mine: mine.length, anonymous: anonymous.length, owner: request.user.id };
}, { requireUser: true });

Parse.Cloud.define('callsAnother', async () => {
  return Parse.Cloud.run('hello', { name: 'nested' });
});

Parse.Cloud.define('returnsObject', async () => {
  const obj = new Parse.Object('CloudThing');
  obj.set('name', 'thing');
  await obj.save(null, { useMasterKey: true });
  return obj;
});

Parse.Cloud.define('saveAll', async () => {
  const items = [1, 2, 3].map((n) => new Parse.Object('CloudBatch', { n }));
  await Parse.Object.saveAll(items, { useMasterKey: true });
  return await new Parse.Query('CloudBatch').count({ useMasterKey: true });
});

// triggers
Parse.Cloud.beforeSave('Review', (request) => {
  const text = request.object.get('text') || '';
  if (text.length > 20) {
    request.object.set('text', text.substring(0, 17) + '...');
  }
  if (request.object.isNew()) {
    request.object.set('status', 'new');
  } else if (request.original && request.object.dirty('text')) {
    request.object.set('previousText', request.original.get('text'));
  }
  if (request.object.get('stars') > 5) {
    throw new Parse.Error(Parse.Error.VALIDATION_ERROR, 'stars must be at most 5');
  }
});

Parse.Cloud.afterSave('Review', async (request) => {
  const log = new Parse.Object('ReviewLog');
  log.set('reviewId', request.object.id);
  log.set('isUpdate', !!request.original);
  await log.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeDelete('Review', (request) => {
  if (request.object.get('locked')) {
    throw 'this review is locked';
  }
});

Parse.Cloud.afterDelete('Review', async (request) => {
  const log = new Parse.Object('ReviewLog');
  log.set('deletedId', request.object.id);
  await log.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeSave('Gated', () => {}, { requireUser: true });

Parse.Cloud.define('reviewFromCloud', async (request) => {
  const review = new Parse.Object('Review');
  review.set('text', request.params.text);
  await review.save(null, { useMasterKey: true });
  await review.fetch({ useMasterKey: true });
  return { text: review.get('text'), status: review.get('status') };
});

// jobs
Parse.Cloud.job('countReviews', async (request) => {
  await request.message('counting');
  const count = await new Parse.Query('Review').count({ useMasterKey: true });
  const summary = new Parse.Object('JobSummary');
  summary.set('reviews', count);
  summary.set('label', request.params.label);
  await summary.save(null, { useMasterKey: true });
  await request.message('counted ' + count);
});

Parse.Cloud.job('failingJob', () => {
  throw new Error('the job broke');
});

// finds
Parse.Cloud.beforeFind('Article', (request) => {
  if (!request.master) {
    request.query.equalTo('published', true);
  }
});

Parse.Cloud.afterFind('Article', (request) => {
  return request.objects.map((article) => {
    article.set('title', String(article.get('title')).toUpperCase());
    return article;
  });
});

Parse.Cloud.beforeFind('Refused', () => {
  throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'no finds here');
});

// validators with roles, user keys and constant fields
Parse.Cloud.define('moderatorsOnly', () => 'moderated', { requireAnyUserRoles: ['Moderator', 'Admin'] });
Parse.Cloud.define('needsEmail', () => 'has email', { requireUserKeys: ['email'] });
Parse.Cloud.beforeSave('Ledger', () => {}, {
  fields: { owner: { constant: true }, kind: { default: 'plain' } },
});

// login triggers
Parse.Cloud.beforeLogin((request) => {
  if (request.object.get('isBanned')) {
    throw new Error('Access denied, you have been banned.');
  }
});

Parse.Cloud.afterLogin(async (request) => {
  const entry = new Parse.Object('LoginLog');
  entry.set('userId', request.object.id);
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.afterLogout(async (request) => {
  const entry = new Parse.Object('LogoutLog');
  entry.set('userId', request.object.get('user').id);
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.define('slug', (request) => slug(request.params.text));

Parse.Cloud.beforePasswordResetRequest((request) => {
  if (String(request.object.get('email')).endsWith('@blocked.test')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'password resets are blocked here');
  }
});

// LiveQuery
Parse.Cloud.beforeConnect((request) => {
  if (request.installationId === 'blocked-device') {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'this device may not connect');
  }
});

Parse.Cloud.beforeSubscribe('Room', (request) => {
  if (!request.master) {
    request.query.equalTo('open', true);
  }
});

// a diary: each signed-in user sees only their own entries live
Parse.Cloud.beforeSubscribe('Diary', (request) => {
  if (!request.user) {
    throw new Parse.Error(Parse.Error.INVALID_SESSION_TOKEN, 'sign in to follow a diary');
  }
  request.query.equalTo('author', request.user.get('username'));
});

// a ticker: hidden rows are held back, the others arrive marked with who follows them
Parse.Cloud.afterLiveQueryEvent('Ticker', (request) => {
  if (request.object.get('hidden')) {
    request.sendEvent = false;
    return;
  }
  if (request.object.get('broken')) {
    throw new Parse.Error(Parse.Error.SCRIPT_FAILED, 'this row cannot be shown');
  }
  request.object.set('seenBy', request.user ? request.user.get('username') : 'anonymous');
  request.object.set('event', request.event);
  if (request.original) {
    request.object.set('was', request.original.get('price'));
  }
});

// files
Parse.Cloud.beforeSave(Parse.File, (request) => {
  if (request.file.name().includes('forbidden')) {
    throw new Parse.Error(Parse.Error.FILE_SAVE_ERROR, 'no forbidden files');
  }
  if (request.fileSize > 1000) {
    throw 'too big for this app';
  }
});

Parse.Cloud.afterSave(Parse.File, async (request) => {
  const entry = new Parse.Object('FileLog');
  entry.set('name', request.file.name());
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeDelete(Parse.File, (request) => {
  if (request.file.name().includes('keep')) {
    throw 'this file is kept';
  }
});

// gets by id and transactional batches (CloudGetAndBatchTriggersApiTest)
Parse.Cloud.beforeFind('GetGuarded', (request) => {
  if (request.isGet && !request.master) {
    request.query.equalTo('visible', true);
  }
});

Parse.Cloud.afterFind('GetGuarded', (request) => {
  return request.objects.filter((o) => !o.get('hidden')).map((o) => {
    o.set('seenBy', request.isGet ? 'get' : 'find');
    return o;
  });
});

Parse.Cloud.beforeFind('GetRefused', (request) => {
  if (request.isGet) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'no gets here');
  }
});

Parse.Cloud.beforeSave('TxTriggered', (request) => {
  if (request.object.get('name') === 'refused') {
    throw new Parse.Error(Parse.Error.VALIDATION_ERROR, 'refused in a transaction');
  }
  request.object.set('stamped', true);
  if (request.original) {
    request.object.set('previousName', request.original.get('name'));
  }
});

// an after-trigger reads the object outside the transaction: it finds it only once committed
Parse.Cloud.afterSave('TxTriggered', async (request) => {
  const stored = await new Parse.Query('TxTriggered').get(request.object.id, { useMasterKey: true });
  const entry = new Parse.Object('TxTriggeredLog');
  entry.set('event', 'saved');
  entry.set('name', stored.get('name'));
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeDelete('TxTriggered', (request) => {
  if (request.object.get('keep')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'this one is kept');
  }
});

Parse.Cloud.afterDelete('TxTriggered', async (request) => {
  const left = await new Parse.Query('TxTriggered').equalTo('objectId', request.object.id)
    .find({ useMasterKey: true });
  const entry = new Parse.Object('TxTriggeredLog');
  entry.set('event', left.length === 0 ? 'deleted' : 'deleted before commit');
  entry.set('name', request.object.get('name'));
  await entry.save(null, { useMasterKey: true });
});

// validators: roles inherited through other roles, and rateLimit (CloudValidatorsApiTest)
Parse.Cloud.define('cvAuditorsOnly', () => 'audited', { requireAnyUserRoles: ['CvAuditor'] });
Parse.Cloud.define('cvChiefAuditors', () => 'chief', { requireAllUserRoles: ['CvAuditor', 'CvChief'] });
Parse.Cloud.define('cvOutsidersOnly', () => 'outside', { requireAnyUserRoles: ['CvOutsider'] });
Parse.Cloud.define('cvLimited', () => 'ok', { rateLimit: { requestTimeWindow: 60000, requestCount: 2 } });
Parse.Cloud.define('cvLimitedForMaster', () => 'ok', {
  rateLimit: { requestTimeWindow: 60000, requestCount: 1, includeMasterKey: true, errorResponseMessage: 'Calm down' },
});
Parse.Cloud.define('cvLimitedInside', () => 'ok', { rateLimit: { requestTimeWindow: 60000, requestCount: 1 } });
Parse.Cloud.define('cvCallsLimitedInside', async () => {
  for (let i = 0; i < 3; i++) {
    await Parse.Cloud.run('cvLimitedInside');
  }
  return 'done';
});
Parse.Cloud.beforeSave('CvThrottled', () => {}, { rateLimit: { requestTimeWindow: 60000, requestCount: 2 } });

// request.headers and request.context (CloudContextApiTest)
Parse.Cloud.define('whoAsks', (request) => ({
  flavor: request.headers['x-app-flavor'] || null,
  sawMasterKey: 'x-parse-master-key' in request.headers,
}));

Parse.Cloud.beforeSave('Contexted', (request) => {
  request.object.set('fromContext', request.context.source || null);
  request.context.stamp = 'from-before';
});

Parse.Cloud.afterSave('Contexted', async (request) => {
  const entry = new Parse.Object('ContextLog');
  entry.set('savedId', request.object.id);
  entry.set('source', request.context.source || null);
  entry.set('stamp', request.context.stamp || null);
  entry.set('flavor', request.headers ? request.headers['x-app-flavor'] || null : null);
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.define('saveWithContext', async () => {
  const object = new Parse.Object('Contexted');
  await object.save(null, { context: { source: 'cloud' }, useMasterKey: true });
  return object.id;
});

// the SDK's other paths from inside cloud code (CloudSdkApiTest)
Parse.Cloud.define('sdkTour', async (request) => {
  const tag = request.params.tag;
  await Parse.Config.save({ ['tour_' + tag]: 'visited' });
  const config = await Parse.Config.get({ useMasterKey: true });
  const role = await new Parse.Role('tour_' + tag, new Parse.ACL()).save(null, { useMasterKey: true });
  await Parse.Object.saveAll([1, 2, 3].map((n) => new Parse.Object('TourItem').set('n', n).set('tag', tag)), { useMasterKey: true });
  const totals = await new Parse.Query('TourItem').aggregate([
    { $match: { tag } },
    { $group: { _id: null, total: { $sum: '$n' } } },
  ], { useMasterKey: true });
  const schema = new Parse.Schema('Tour_' + tag);
  schema.addString('label');
  await schema.save();
  const user = await Parse.User.signUp('tour-' + tag, 'pw-tour');
  user.set('motto', 'sdk paths');
  await user.save(null, { sessionToken: user.getSessionToken() });
  const session = await Parse.Session.current({ sessionToken: user.getSessionToken() });
  return {
    config: config.get('tour_' + tag),
    role: role.getName(),
    total: totals[0].total,
    userId: user.id,
    sessionToken: session.getSessionToken() === user.getSessionToken(),
  };
});

// Parse.File from inside cloud code (CloudFileTriggersApiTest)
Parse.Cloud.define('fileSave', async (request) => {
  // "hello from cloud"
  const file = new Parse.File(request.params.name, { base64: 'aGVsbG8gZnJvbSBjbG91ZA==' }, 'text/plain');
  await file.save({ useMasterKey: true });
  return { name: file.name(), url: file.url() };
});

Parse.Cloud.define('fileDelete', async (request) => {
  await new Parse.File(request.params.name).destroy({ useMasterKey: true });
  return 'deleted';
});
