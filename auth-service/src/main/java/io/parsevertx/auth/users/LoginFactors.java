package io.parsevertx.auth.users;

import io.parsevertx.auth.AuthServiceConfig;
import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.auth.authdata.AuthDataAdapters;
import io.parsevertx.auth.mfa.SmsMfa;
import io.parsevertx.auth.mfa.SmsSender;
import io.parsevertx.auth.mfa.TotpMfa;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.MfaData;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The factors after the first one: MFA (TOTP, SMS, recovery codes) and additional providers at
 * log-in, setting MFA up or changing it, and the MFA part of {@code POST /challenge}. Every
 * code is used up by a conditional update, so a code can never let two log-ins in.
 */
final class LoginFactors {
  private final StorageAdapter storage;
  private final Supplier<Future<ClassSchema>> schema;
  private final Function<String, Future<JsonObject>> loadUser;
  private final AuthServiceConfig config;
  private final AuthDataAdapters adapters;
  private final SmsSender smsSender;

  LoginFactors(StorageAdapter storage, Supplier<Future<ClassSchema>> schema,
      Function<String, Future<JsonObject>> loadUser, AuthServiceConfig config,
      AuthDataAdapters adapters, SmsSender smsSender) {
    this.storage = storage;
    this.schema = schema;
    this.loadUser = loadUser;
    this.config = config;
    this.adapters = adapters;
    this.smsSender = smsSender;
  }

  /**
   * What a log-in needs after its first factor: nothing after a {@code solo} provider;
   * otherwise MFA when set up, then every {@code additional} provider the user linked, each
   * checked by its adapter against the linked id (211 when one is missing).
   */
  Future<JsonObject> furtherFactors(JsonObject user, ServiceRequest request,
      String firstProvider) {
    if (!"password".equals(firstProvider)
        && adapters.policyOf(firstProvider) == AuthDataAdapter.Policy.SOLO) {
      return Future.succeededFuture(user);
    }
    JsonObject given = request.params().copy().mergeIn(request.body())
        .getJsonObject(UserFields.AUTH_DATA, new JsonObject());
    JsonObject linked = user.getJsonObject(UserFields.AUTH_DATA, new JsonObject());
    Future<JsonObject> checked = secondFactor(user, request);
    for (String provider : adapters.additional()) {
      if (!(linked.getValue(provider) instanceof JsonObject link)) {
        continue;
      }
      checked = checked.compose(u -> {
        if (!(given.getValue(provider) instanceof JsonObject data)) {
          return Future.failedFuture(ParseException.of(ParseErrorCode.MFA_TOKEN_REQUIRED,
              "Missing additional authData %s", provider));
        }
        return adapters.get(provider).verify(data, request.auth().ip(),
                request.auth().installationId())
            .compose(verified -> link.getString("id", "").equals(verified.id())
                ? Future.succeededFuture(u) : Future.failedFuture(new ParseException(
                    ParseErrorCode.OBJECT_NOT_FOUND, "Invalid additional authData " + provider)));
      });
    }
    return checked;
  }

  /**
   * With MFA set up, a password log-in also needs {@code authData.mfa.token}: a current TOTP
   * code not used before, or an unused recovery code. The update is conditioned on the MFA
   * data read, so two log-ins racing with one code cannot both pass.
   */
  private Future<JsonObject> secondFactor(JsonObject user, ServiceRequest request) {
    TotpMfa mfa = config.mfa();
    if (mfa == null || !TotpMfa.isEnabled(user)) {
      return Future.succeededFuture(user);
    }
    JsonObject stored = user.getJsonObject(UserFields.AUTH_DATA).getJsonObject(TotpMfa.PROVIDER);
    Object given = request.params().copy().mergeIn(request.body()).getValue(UserFields.AUTH_DATA);
    Object loginData = given instanceof JsonObject authData
        ? authData.getValue(TotpMfa.PROVIDER) : null;
    Object token = loginData instanceof JsonObject json ? json.getValue("token") : null;
    if (stored.containsKey(SmsMfa.MOBILE) && SmsMfa.REQUEST.equals(token)) {
      return textLoginCode(user).compose(v -> Future.failedFuture(new ParseException(
          ParseErrorCode.MFA_TOKEN_REQUIRED, "A code was sent by SMS; log in with it as "
          + "authData.mfa.token")));
    }
    Object sent = stored.getValue(SmsMfa.LOGIN);
    if (token instanceof String t && SmsMfa.accepts(sent, null, t)) {
      JsonObject next = stored.copy();
      next.remove(SmsMfa.LOGIN);
      return useUp(user, new QueryNode.Constraint("authData.mfa.login.code", QueryOp.EQ,
          SmsMfa.codeHash((JsonObject) sent)), next);
    }
    JsonObject next;
    try {
      next = mfa.verifyLogin(stored, loginData);
    } catch (ParseException e) {
      // A wrong code counts as a failed log-in (a missing one is just the SDK's first step).
      return e.code() == ParseErrorCode.MFA_ERROR && config.accountLockout() != null
          ? schema.get().compose(schema -> config.accountLockout().failed(storage, schema,
              user.getString(ParseFields.OBJECT_ID))).transform(v -> Future.failedFuture(e))
          : Future.failedFuture(e);
    }
    List<QueryNode> conditions = new ArrayList<>();
    if (stored.containsKey("lastStep")) {
      conditions.add(new QueryNode.Constraint("authData.mfa.lastStep", QueryOp.EQ,
          stored.getValue("lastStep")));
    }
    JsonArray recovery = stored.getJsonArray("recovery", new JsonArray());
    if (!recovery.isEmpty()) {
      conditions.add(new QueryNode.Constraint("authData.mfa.recovery", QueryOp.ALL, recovery));
    }
    return useUp(user, new QueryNode.And(conditions), next);
  }

  /**
   * Stores the MFA data after a code was used, only if what was read is still there: of two
   * log-ins racing with one code, one wins.
   */
  private Future<JsonObject> useUp(JsonObject user, QueryNode unchangedMfa, JsonObject next) {
    QueryNode unchanged = new QueryNode.And(List.of(UserService.byId(user.getString(ParseFields.OBJECT_ID)),
        unchangedMfa));
    return schema.get().compose(schema -> storage.updateObject(schema, unchanged, new JsonObject()
            .put(UserFields.AUTH_DATA, new JsonObject().put(TotpMfa.PROVIDER, next))))
        .compose(updated -> updated == null ? Future.failedFuture(new ParseException(
            ParseErrorCode.MFA_ERROR, "Invalid MFA token")) : Future.succeededFuture(user));
  }

  /** Texts a log-in code to the user's confirmed number and remembers its hash. */
  Future<Void> textLoginCode(JsonObject user) {
    JsonObject stored = user.getJsonObject(UserFields.AUTH_DATA)
        .getJsonObject(TotpMfa.PROVIDER);
    String mobile = stored.getString(SmsMfa.MOBILE);
    String code = config.sms().newCode();
    JsonObject next = stored.copy().put(SmsMfa.LOGIN, config.sms().issued(mobile, code));
    return schema.get().compose(schema -> storage.updateObject(schema,
            UserService.byId(user.getString(ParseFields.OBJECT_ID)), new JsonObject()
                .put(UserFields.AUTH_DATA, new JsonObject().put(TotpMfa.PROVIDER, next))))
        .compose(v -> text(mobile, code));
  }

  private Future<Void> text(String mobile, String code) {
    if (smsSender == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
          "SMS is not enabled on this server"));
    }
    return smsSender.send(mobile, SmsMfa.message(code)).recover(e -> Future.failedFuture(
        new ParseException(ParseErrorCode.MFA_ERROR, "The SMS could not be sent")));
  }

  Future<JsonObject> answer(String provider, Object challenge, Object authData,
      JsonObject user) {
    if (TotpMfa.PROVIDER.equals(provider)) {
      if (user == null || !TotpMfa.isEnabled(user) || !user.getJsonObject(UserFields.AUTH_DATA)
          .getJsonObject(TotpMfa.PROVIDER).containsKey(SmsMfa.MOBILE)) {
        return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
            "This account has no SMS factor to challenge."));
      }
      return textLoginCode(user).map(v -> new JsonObject().put("sent", true));
    }
    return adapters.get(provider).challenge(
        challenge instanceof JsonObject json ? json : new JsonObject(),
        authData instanceof JsonObject json ? json : null,
        user == null ? null : UserFields.forOwner(user, adapters.views()));
  }

  /**
   * Takes {@code authData.mfa} out of {@code changes} and sets MFA up (TOTP): the stored data
   * goes to {@code reply.save}, the recovery codes to {@code reply.authDataResponse}. Changing
   * the secret ({@code {old, secret, token}}) or turning MFA off ({@code {old}}) takes a current
   * code as {@code old}, or the master key.
   */
  Future<ClassSchema> mfaChange(ClassSchema schema, String userId, JsonObject changes,
      boolean master, JsonObject reply) {
    if (!changes.containsKey(TotpMfa.PROVIDER)) {
      return Future.succeededFuture(schema);
    }
    Object requested = changes.remove(TotpMfa.PROVIDER);
    TotpMfa mfa = config.mfa();
    if (mfa == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
          "This authentication method is unsupported."));
    }
    if (requested == null) {
      if (!master) {
        return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
            "Turning MFA off takes the current MFA token ({\"old\": token}) or the master key."));
      }
      changes.putNull(TotpMfa.PROVIDER);
      return Future.succeededFuture(schema);
    }
    if (!(requested instanceof JsonObject data)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
          "Invalid MFA data"));
    }
    return loadUser.apply(userId).compose(user -> {
      Object current = user == null ? null : user.getValue(UserFields.AUTH_DATA) instanceof
          JsonObject authData ? authData.getValue(TotpMfa.PROVIDER) : null;
      JsonObject stored = TotpMfa.isSetUp(current) ? (JsonObject) current : null;
      boolean proven = master;
      if (stored != null && data.containsKey("old")) {
        // The current code (a TOTP code, a recovery code or a texted one) proves the change;
        // the factor is replaced or removed, so it needs no using up.
        if (!(data.getValue("old") instanceof String old
            && SmsMfa.accepts(stored.getValue(SmsMfa.LOGIN), null, old))) {
          mfa.verifyLogin(stored, new JsonObject().put("token", data.getValue("old")));
        }
        proven = true;
      }
      if (proven && stored != null && !data.containsKey(MfaData.SECRET)
          && !data.containsKey(SmsMfa.MOBILE)) {
        changes.putNull(TotpMfa.PROVIDER);
        return Future.succeededFuture(schema);
      }
      if (data.containsKey(SmsMfa.MOBILE)) {
        return smsSetUp(user, stored, data, proven, reply, schema);
      }
      JsonObject setUp = mfa.setUp(stored, data, proven);
      reply.put("save", new JsonObject().put(TotpMfa.PROVIDER, setUp.getJsonObject("save")));
      reply.put("authDataResponse", new JsonObject().put(TotpMfa.PROVIDER,
          setUp.getJsonObject("response")));
      return Future.succeededFuture(schema);
    });
  }

  /**
   * SMS set-up in two steps: {@code {mobile}} texts a code to the number (kept as pending),
   * {@code {mobile, token}} with that code confirms it and answers with recovery codes.
   */
  private Future<ClassSchema> smsSetUp(JsonObject user, JsonObject stored, JsonObject data,
      boolean proven, JsonObject reply, ClassSchema schema) {
    SmsMfa sms = config.sms();
    if (sms == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
          "SMS is not enabled on this server"));
    }
    if (stored != null && !proven) {
      return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
          "MFA is already set up on this account"));
    }
    if (!(data.getValue(SmsMfa.MOBILE) instanceof String mobile)
        || !mobile.matches("\\+?[0-9 ()-]{6,20}")) {
      return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
          "Invalid mobile number"));
    }
    Object pending = user == null ? null : user.getJsonObject(UserFields.AUTH_DATA,
        new JsonObject()).getJsonObject(TotpMfa.PROVIDER, new JsonObject())
        .getValue(SmsMfa.PENDING);
    if (data.getValue("token") instanceof String token) {
      if (!SmsMfa.accepts(pending, mobile, token)) {
        return Future.failedFuture(new ParseException(ParseErrorCode.MFA_ERROR,
            "Invalid MFA token"));
      }
      JsonObject enabled = config.mfa().enableSms(mobile);
      reply.put("save", new JsonObject().put(TotpMfa.PROVIDER, enabled.getJsonObject("save")));
      reply.put("authDataResponse", new JsonObject().put(TotpMfa.PROVIDER,
          enabled.getJsonObject("response")));
      return Future.succeededFuture(schema);
    }
    String code = sms.newCode();
    reply.put("save", new JsonObject().put(TotpMfa.PROVIDER, new JsonObject()
        .put(SmsMfa.PENDING, sms.issued(mobile, code))));
    return text(mobile, code).map(schema);
  }
}
