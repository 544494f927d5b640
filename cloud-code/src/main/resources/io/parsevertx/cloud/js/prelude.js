// Runs after the Parse JS SDK and before the app's main.js: wires the SDK to this server and adds
// what Parse Server adds to Parse.Cloud (define, the triggers, job).
(function (global) {
  'use strict';
  const functions = Object.create(null);
  const triggers = Object.create(null);
  // validators' rateLimit, as Parse.Cloud adds them: on the route the handler serves
  const rateLimits = [];

  // The official Parse JS SDK (loaded just before this file) is the app's Parse; its requests go
  // to this server's services through the host, with no HTTP round trip.
  const Parse = global.Parse;
  const ParseError = Parse.Error;
  Parse.initialize(__host.appId, undefined, __host.masterKey);
  // note: as on Parse Server, each object is its own instance (request.object and
  // request.original of the same id must not share state)
  Parse.Object.disableSingleInstance();
  // note: nothing is remembered between requests (no current user, no cached config): each
  // handler says who it acts as, as in Parse Server's cloud code; the browser build of the SDK
  // would reach for a localStorage that is not there
  Parse.CoreManager.setStorageController({
    async: 0,
    getItem() { return null; },
    setItem() {},
    removeItem() {},
    getAllKeys() { return []; },
    clear() {},
  });
  Parse.serverURL = 'http://internal.invalid' + __host.mountPath;
  Parse.CoreManager.setRESTController({
    request(method, path, data, options) {
      const opts = options || {};
      return new Promise((resolve, reject) => {
        __host.request(method, path, JSON.stringify(data || {}), JSON.stringify({
          useMasterKey: !!opts.useMasterKey,
          sessionToken: opts.sessionToken,
          installationId: opts.installationId,
          context: opts.context,
        }), (json) => {
          const answer = JSON.parse(json);
          resolve(answer && answer.__batch ? answer.__batch : answer);
        },
        (code, message) => reject(new ParseError(code, message)));
      });
    },
    handleError(error) {
      return Promise.reject(error instanceof ParseError ? error
        : new ParseError(ParseError.CONNECTION_FAILED, String(error)));
    },
    // the SDK deletes a file with a plain HTTP call to <serverURL>/files/<name>; it is answered
    // in-process like the rest
    ajax(method, url, data, headers) {
      const marker = '/files/';
      if (method === 'DELETE' && typeof url === 'string' && url.includes(marker)) {
        const name = url.substring(url.lastIndexOf(marker) + marker.length);
        return new Promise((resolve, reject) => {
          __host.request('DELETE', 'files/' + name, '{}', JSON.stringify({
            useMasterKey: !!headers && 'X-Parse-Master-Key' in headers,
          }), (json) => resolve({ response: JSON.parse(json), status: 200 }),
          (code, message) => reject(new ParseError(code, message)));
        });
      }
      return Promise.reject(new ParseError(ParseError.OTHER_CAUSE, 'no HTTP from cloud code'));
    },
  });

  function validatorOf(validator) {
    if (validator == null) {
      return null;
    }
    return typeof validator === 'function' ? validator : Object.assign({}, validator);
  }

  // Checks (and fills defaults of) a validator's fields: a function's params, or a trigger's
  // object, where a constant field keeps its stored value for all but the master key.
  function checkFields(fields, request) {
    const object = request.object;
    const read = (name) => (object ? object.get(name) : (request.params || {})[name]);
    const write = (name, value) => {
      if (object) {
        object.set(name, value);
      } else {
        request.params[name] = value;
      }
    };
    const spec = Array.isArray(fields) ? Object.fromEntries(fields.map((f) => [f, {}])) : fields;
    for (const name of Object.keys(spec)) {
      const rule = spec[name] || {};
      if (rule.constant && object && !object.isNew() && !request.master && object.dirty(name)) {
        object.revert(name);
      }
      let value = read(name);
      if (value === undefined && rule.default !== undefined) {
        value = typeof rule.default === 'function' ? rule.default(request) : rule.default;
        write(name, value);
      }
      if ((rule.required || Array.isArray(fields)) && value === undefined) {
        throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Please specify data for ' + name + '.');
      }
      if (value === undefined) {
        continue;
      }
      if (rule.type) {
        const wanted = typeof rule.type === 'function' ? rule.type.name.toLowerCase() : String(rule.type).toLowerCase();
        const actual = Array.isArray(value) ? 'array' : typeof value;
        if (actual !== wanted) {
          throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Invalid type for ' + name + '. Expected: ' + wanted);
        }
      }
      if (rule.options) {
        const ok = Array.isArray(rule.options) ? rule.options.includes(value)
          : typeof rule.options === 'function' ? rule.options(value) : rule.options === value;
        if (!ok) {
          throw new ParseError(ParseError.VALIDATION_ERROR, rule.error || 'Validation failed. Invalid value for ' + name + '.');
        }
      }
    }
  }

  // The names of the roles the user holds, as Parse Server counts them for ACLs: those it is in,
  // and every role whose `roles` relation lists a held role, breadth first; a role is asked
  // about once, so a cycle ends.
  async function roleNamesOf(user) {
    const names = new Set();
    const seen = new Set();
    const find = (query) => query.limit(10000).find({ useMasterKey: true });
    let level = await find(new Parse.Query(Parse.Role).equalTo('users', user));
    while (level.length > 0) {
      const fresh = level.filter((role) => !seen.has(role.id));
      if (fresh.length === 0) {
        break;
      }
      fresh.forEach((role) => {
        seen.add(role.id);
        names.add(role.getName());
      });
      level = await find(new Parse.Query(Parse.Role).containedIn('roles', fresh));
    }
    return [...names];
  }

  async function wantedRoles(setting, request) {
    const wanted = typeof setting === 'function' ? await setting(request) : setting;
    return Array.isArray(wanted) ? wanted : [wanted];
  }

  async function validate(validator, request) {
    if (validator == null) {
      return;
    }
    if (typeof validator === 'function') {
      const outcome = await validator(request);
      if (outcome === false) {
        throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed.');
      }
      return;
    }
    if (validator.skipWithMasterKey && request.master) {
      return;
    }
    if (validator.requireMaster && !request.master) {
      throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Master key is required to complete this request.');
    }
    const needsUser = validator.requireUser || validator.requireAnyUserRoles
      || validator.requireAllUserRoles || validator.requireUserKeys;
    if (needsUser && !request.user && !request.master) {
      throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Please login to continue.');
    }
    if (request.user && !request.master) {
      if (validator.requireAnyUserRoles || validator.requireAllUserRoles) {
        const held = await roleNamesOf(request.user);
        const any = validator.requireAnyUserRoles && await wantedRoles(validator.requireAnyUserRoles, request);
        const all = validator.requireAllUserRoles && await wantedRoles(validator.requireAllUserRoles, request);
        if ((any && !any.some((r) => held.includes(r))) || (all && !all.every((r) => held.includes(r)))) {
          throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. User does not match the required roles.');
        }
      }
      if (validator.requireUserKeys) {
        const keys = Array.isArray(validator.requireUserKeys) ? validator.requireUserKeys
          : Object.keys(validator.requireUserKeys);
        for (const key of keys) {
          if (request.user.get(key) === undefined) {
            throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Please set data for ' + key + ' on your account.');
          }
        }
      }
    }
    if (validator.fields) {
      checkFields(validator.fields, request);
    }
  }

  function errorOf(e) {
    if (e instanceof ParseError || (e && typeof e.code === 'number' && typeof e.message === 'string')) {
      return { code: e.code, message: e.message };
    }
    if (typeof e === 'string') {
      return { code: ParseError.SCRIPT_FAILED, message: e };
    }
    return { code: ParseError.SCRIPT_FAILED, message: e && e.message ? e.message : String(e) };
  }

  // 'GameScore', Parse.User, or a Parse.Object subclass
  function classNameOf(target) {
    if (typeof target === 'string') {
      return target === 'Parse.User' ? '_User' : target;
    }
    if (target === Parse.File) {
      return '@File';
    }
    if (typeof target === 'function') {
      return new target().className;
    }
    return String(target && target.className);
  }

  // The object a trigger sees: what is stored (none when new), then the request's changes set on
  // it, so isNew(), dirty() and get() answer as on Parse Server.
  function objectOf(className, stored, changes) {
    const object = Parse.Object.fromJSON(Object.assign({ className }, stored || {}), true);
    for (const key of Object.keys(changes || {})) {
      const value = changes[key];
      if (value && typeof value === 'object' && value.__op) {
        continue; // note: an operation stays in the request as sent
      }
      if (key === 'ACL') {
        object.setACL(new Parse.ACL(value));
      } else if (!['objectId', 'createdAt', 'updatedAt'].includes(key)) {
        object.set(key, Parse._decode(key, value));
      }
    }
    return object;
  }

  // an object as a REST find answers it: dates of the object itself as plain ISO strings
  function restJsonOf(object) {
    if (!(object instanceof Parse.Object)) {
      return object;
    }
    const json = object.toJSON();
    for (const key of ['createdAt', 'updatedAt']) {
      if (json[key] && json[key].iso) {
        json[key] = json[key].iso;
      }
    }
    return json;
  }

  function requestOf(json) {
    const request = JSON.parse(json);
    if (request.user) {
      request.user = Parse.Object.fromJSON(Object.assign({ className: '_User' }, request.user));
    }
    const prefix = 'cloud ' + (request.functionName || '');
    request.log = {
      info: (...a) => __host.log('info', prefix + ': ' + a.join(' ')),
      warn: (...a) => __host.log('warn', prefix + ': ' + a.join(' ')),
      error: (...a) => __host.log('error', prefix + ': ' + a.join(' ')),
    };
    return request;
  }

  // the REST route of a class, as Parse.Cloud's getRoute names it (without the object id)
  function routeOf(className) {
    return { _User: '/users', _Session: '/sessions', '@File': '/files' }[className]
      || '/classes/' + className;
  }

  // the methods a trigger's rateLimit counts, as Parse.Cloud sets them
  const limitedMethods = { beforeSave: ['POST', 'PUT'], beforeDelete: ['DELETE'], beforeFind: ['GET'] };

  function addRateLimit(route, validator) {
    if (validator && typeof validator === 'object' && validator.rateLimit) {
      rateLimits.push(Object.assign({ errorResponseMessage: 'Too many requests.' }, route,
        validator.rateLimit));
    }
  }

  const Cloud = Parse.Cloud;
  Object.assign(Cloud, {
    define(name, handler, validator) {
      if (typeof handler !== 'function') {
        throw new TypeError('Parse.Cloud.define needs a function for ' + name);
      }
      functions[name] = { handler, validator: validatorOf(validator) };
      addRateLimit({ requestPath: '/functions/' + name }, validator);
    },
  });
  for (const kind of ['beforeSave', 'afterSave', 'beforeDelete', 'afterDelete', 'beforeFind',
    'afterFind', 'beforeLogin', 'afterLogin', 'afterLogout', 'beforePasswordResetRequest',
    'beforeConnect', 'beforeSubscribe', 'afterLiveQueryEvent', 'job']) {
    Cloud[kind] = function (target, handler, validator) {
      if (kind === 'job') {
        triggers['job:' + target] = { handler, validator: null };
        return;
      }
      // note: these name no class: (handler, validator); their object is a user or a session
      const classless = { beforeLogin: '_User', afterLogin: '_User', beforePasswordResetRequest: '_User', afterLogout: '_Session', beforeConnect: '@Connect' };
      if (classless[kind]) {
        triggers[kind + ':' + classless[kind]] = { handler: target, validator: validatorOf(handler) };
        if (kind === 'beforeLogin') {
          addRateLimit({ requestPath: '/login', requestMethods: ['POST'] }, handler);
        }
        return;
      }
      const className = classNameOf(target);
      triggers[kind + ':' + className] = { handler, validator: validatorOf(validator) };
      if (limitedMethods[kind]) {
        addRateLimit({ requestPath: routeOf(className), requestMethods: limitedMethods[kind] }, validator);
      }
    };
  }

  // Java calls this; the promise always resolves, with a JSON string of {result} or {error}.
  global.__parseCloud = {
    runFunction(name, requestJson) {
      const entry = functions[name];
      if (!entry) {
        return Promise.resolve(JSON.stringify({ error: { code: ParseError.SCRIPT_FAILED, message: 'Invalid function: "' + name + '"' } }));
      }
      return (async () => {
        const request = requestOf(requestJson);
        await validate(entry.validator, request);
        const result = await entry.handler(request);
        return JSON.stringify({ result: result === undefined ? null : Parse._encode(result) });
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
    functionNames() {
      return JSON.stringify(Object.keys(functions));
    },
    // a job answers {result} or {error}; request.message(text) records progress in _JobStatus
    runJob(name, requestJson) {
      const entry = triggers['job:' + name];
      if (!entry) {
        return Promise.resolve(JSON.stringify({ error: { code: ParseError.SCRIPT_FAILED, message: 'Invalid job: ' + name } }));
      }
      return (async () => {
        const request = requestOf(requestJson);
        const jobId = request.jobId;
        request.message = (message) => Parse.CoreManager.getRESTController().request('PUT',
          'classes/_JobStatus/' + jobId, { message: String(message) }, { useMasterKey: true });
        const result = await entry.handler(request);
        return JSON.stringify({ result: result === undefined ? null : Parse._encode(result) });
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
    // beforeFind answers {query}: the query to run as the handler left it (or returned it);
    // afterFind answers {objects}: the results as the handler left them (or returned them)
    runFind(kind, className, requestJson) {
      const entry = triggers[kind + ':' + className];
      if (!entry) {
        return Promise.resolve(JSON.stringify({}));
      }
      return (async () => {
        const request = requestOf(requestJson);
        const raw = JSON.parse(requestJson);
        delete request.results;
        request.triggerName = kind;
        if (kind === 'beforeFind') {
          request.query = Parse.Query.fromJSON(className, raw.query);
          request.count = !!raw.query.count;
          await validate(entry.validator, request);
          const returned = await entry.handler(request);
          const query = returned instanceof Parse.Query ? returned : request.query;
          return JSON.stringify({ query: query.toJSON() });
        }
        request.objects = raw.results.map((r) => Parse.Object.fromJSON(Object.assign({ className }, r), true));
        await validate(entry.validator, request);
        const returned = await entry.handler(request);
        const objects = Array.isArray(returned) ? returned : request.objects;
        return JSON.stringify({ objects: objects.map(restJsonOf) });
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
    // LiveQuery and files: beforeSubscribe answers {query} (as the handler left it);
    // afterLiveQueryEvent {sendEvent, object}; beforeConnect and the Parse.File triggers {}
    runLive(kind, className, requestJson) {
      const entry = triggers[kind + ':' + className];
      if (!entry) {
        return Promise.resolve(JSON.stringify({}));
      }
      return (async () => {
        const request = requestOf(requestJson);
        const raw = JSON.parse(requestJson);
        request.triggerName = kind;
        if (kind === 'beforeSubscribe') {
          request.query = Parse.Query.fromJSON(className, raw.query);
        }
        if (kind === 'afterLiveQueryEvent') {
          const asObject = (json) => (json ? Parse.Object.fromJSON(Object.assign({}, json, { className }), true) : undefined);
          request.object = asObject(raw.object);
          request.original = asObject(raw.original);
          request.sendEvent = true;
        }
        if (className === '@File') {
          request.file = Parse.File.fromJSON(raw.file);
          request.fileSize = raw.fileSize;
          request.contentType = raw.file.contentType;
        }
        await validate(entry.validator, request);
        const returned = await entry.handler(request);
        if (kind === 'beforeSubscribe') {
          const query = returned instanceof Parse.Query ? returned : request.query;
          return JSON.stringify({ query: query.toJSON() });
        }
        if (kind === 'afterLiveQueryEvent') {
          // the event goes out with the object as the handler left it, unless it said not to
          return JSON.stringify({ sendEvent: request.sendEvent !== false,
            object: request.object ? restJsonOf(request.object) : null });
        }
        return JSON.stringify({});
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
    triggerNames() {
      return Promise.resolve(JSON.stringify(Object.keys(triggers)));
    },
    // [{requestPath, requestMethods, requestTimeWindow, requestCount, ...}], as the rateLimit
    // option takes them
    rateLimits() {
      return Promise.resolve(JSON.stringify(rateLimits));
    },
    // beforeSave answers {fields}: the fields to save as the handler left them
    runTrigger(kind, className, requestJson) {
      const entry = triggers[kind + ':' + className];
      if (!entry) {
        return Promise.resolve(JSON.stringify({}));
      }
      return (async () => {
        const request = requestOf(requestJson);
        const raw = JSON.parse(requestJson);
        delete request.original;
        delete request.previous;
        delete request.changes;
        request.object = objectOf(className, raw.original, raw.changes);
        const before = raw.previous || (kind.startsWith('before') ? raw.original : null);
        if (before) {
          request.original = Parse.Object.fromJSON(Object.assign({ className }, before), true);
        }
        request.triggerName = kind;
        request.context = raw.context || {};
        await validate(entry.validator, request);
        await entry.handler(request);
        if (kind === 'beforeSave') {
          // every field to write, as the handler left them (one it reverted is absent), and
          // the context as the handler left it, for the afterSave
          return JSON.stringify({ fields: Parse._encode(request.object._getSaveJSON()),
            context: request.context });
        }
        return JSON.stringify(kind === 'beforeDelete' ? { context: request.context } : {});
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
  };
})(globalThis);
