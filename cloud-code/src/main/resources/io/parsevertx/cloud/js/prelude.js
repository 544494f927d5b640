// The Parse global the app's cloud code registers its handlers on, before main.js runs.
// Why a prelude and not yet the official Parse JS SDK: see cloud-code/README.md.
(function (global) {
  'use strict';
  const functions = Object.create(null);
  const triggers = Object.create(null);

  class ParseError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
      this.message = message;
    }
    toString() {
      return 'ParseError: ' + this.code + ' ' + this.message;
    }
  }
  Object.assign(ParseError, {
    OTHER_CAUSE: -1, INTERNAL_SERVER_ERROR: 1, CONNECTION_FAILED: 100, OBJECT_NOT_FOUND: 101,
    INVALID_QUERY: 102, INVALID_CLASS_NAME: 103, MISSING_OBJECT_ID: 104, INVALID_KEY_NAME: 105,
    INVALID_JSON: 107, COMMAND_UNAVAILABLE: 108, NOT_INITIALIZED: 109, INCORRECT_TYPE: 111,
    TIMEOUT: 124, INVALID_EMAIL_ADDRESS: 125, DUPLICATE_VALUE: 137, SCRIPT_FAILED: 141,
    VALIDATION_ERROR: 142, OPERATION_FORBIDDEN: 119, SESSION_MISSING: 206,
    INVALID_SESSION_TOKEN: 209,
  });

  function validatorOf(validator) {
    if (validator == null) {
      return null;
    }
    return typeof validator === 'function' ? validator : Object.assign({}, validator);
  }

  function checkFields(fields, params) {
    const spec = Array.isArray(fields) ? Object.fromEntries(fields.map((f) => [f, {}])) : fields;
    for (const name of Object.keys(spec)) {
      const rule = spec[name] || {};
      let value = params[name];
      if (value === undefined && rule.default !== undefined) {
        value = params[name] = typeof rule.default === 'function' ? rule.default() : rule.default;
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
    if ((validator.requireUser || validator.requireAnyUserRoles || validator.requireAllUserRoles)
        && !request.user && !request.master) {
      throw new ParseError(ParseError.VALIDATION_ERROR, 'Validation failed. Please login to continue.');
    }
    if (validator.fields) {
      checkFields(validator.fields, request.params || {});
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

  function requestOf(json) {
    const request = JSON.parse(json);
    const user = request.user;
    if (user) {
      request.user = Object.assign({
        id: user.objectId,
        className: '_User',
        get(key) { return user[key]; },
        getSessionToken() { return user.sessionToken; },
        toJSON() { return user; },
      });
    }
    const prefix = 'cloud ' + (request.functionName || '');
    request.log = {
      info: (...a) => __host.log('info', prefix + ': ' + a.join(' ')),
      warn: (...a) => __host.log('warn', prefix + ': ' + a.join(' ')),
      error: (...a) => __host.log('error', prefix + ': ' + a.join(' ')),
    };
    return request;
  }

  const Cloud = {
    define(name, handler, validator) {
      if (typeof handler !== 'function') {
        throw new TypeError('Parse.Cloud.define needs a function for ' + name);
      }
      functions[name] = { handler, validator: validatorOf(validator) };
    },
  };
  for (const kind of ['beforeSave', 'afterSave', 'beforeDelete', 'afterDelete', 'beforeFind',
    'afterFind', 'beforeLogin', 'afterLogin', 'afterLogout', 'beforePasswordResetRequest',
    'beforeConnect', 'beforeSubscribe', 'afterLiveQueryEvent', 'job']) {
    Cloud[kind] = function (target, handler, validator) {
      const key = kind + ':' + (typeof target === 'string' ? target : target && target.className || String(target));
      triggers[key] = { handler, validator: validatorOf(validator) };
    };
  }

  global.Parse = { Cloud, Error: ParseError };

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
        return JSON.stringify({ result: result === undefined ? null : result });
      })().catch((e) => JSON.stringify({ error: errorOf(e) }));
    },
    functionNames() {
      return JSON.stringify(Object.keys(functions));
    },
  };
})(globalThis);
