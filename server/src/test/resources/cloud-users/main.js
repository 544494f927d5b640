// The _User triggers an app writes: auth-service runs them around sign-ups, user updates,
// deletions and logins (CloudUserTriggersApiTest, CloudPerProcessClusterIT).

Parse.Cloud.beforeSave(Parse.User, (request) => {
  const name = request.object.get('username');
  if (name.startsWith('refused-')) {
    throw new Parse.Error(Parse.Error.VALIDATION_ERROR, 'this username is not allowed');
  }
  if (request.object.isNew()) {
    request.object.set('nickname', name.toUpperCase());
    request.object.set('sawPassword', request.object.get('password') !== undefined);
  } else {
    request.object.set('previousTitle', request.original.get('title') || null);
  }
  if (request.object.get('title') === 'shout') {
    request.object.set('title', 'SHOUT');
  }
  request.context.stamp = 'user-before-save';
});

Parse.Cloud.afterSave(Parse.User, async (request) => {
  const entry = new Parse.Object('UserLog');
  entry.set('username', request.object.get('username'));
  entry.set('event', request.original ? 'updated' : 'created');
  entry.set('sawHash', request.object.get('_hashed_password') !== undefined
    || request.object.get('password') !== undefined);
  entry.set('source', request.context.source || null);
  entry.set('stamp', request.context.stamp || null);
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeDelete(Parse.User, (request) => {
  if (request.object.get('title') === 'keeper') {
    throw 'this user is kept';
  }
  request.context.stamp = 'user-before-delete';
});

Parse.Cloud.afterDelete(Parse.User, async (request) => {
  const entry = new Parse.Object('UserLog');
  entry.set('username', request.object.get('username'));
  entry.set('event', 'deleted');
  entry.set('source', request.context.source || null);
  entry.set('stamp', request.context.stamp || null);
  await entry.save(null, { useMasterKey: true });
});

Parse.Cloud.beforeLogin((request) => {
  if (request.object.get('username') === 'blocked') {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'this user may not log in');
  }
});

Parse.Cloud.afterLogin(async (request) => {
  const entry = new Parse.Object('UserLog');
  entry.set('username', request.object.get('username'));
  entry.set('event', 'login');
  await entry.save(null, { useMasterKey: true });
});
