package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Users and sessions: sign-up, log-in and -out, credentials and deletion through auth-service;
 * reading users through data-service as the class {@code _User}.
 *
 * <pre>
 * POST   /users             curl -X POST -H "X-Parse-Application-Id: APP" -d '{"username":"a","password":"p"}' URL/users
 * GET    /login             curl -G -H ... --data-urlencode username=a --data-urlencode password=p URL/login
 * POST   /login             curl -X POST -H ... -d '{"username":"a","password":"p"}' URL/login
 * POST   /logout            curl -X POST -H ... -H "X-Parse-Session-Token: r:..." URL/logout
 * POST   /challenge         curl -X POST -H ... -d '{"username":"a","password":"p","challengeData":{"mfa":{}}}' URL/challenge
 * POST   /verifyPassword    curl -X POST -H ... -d '{"username":"a","password":"p"}' URL/verifyPassword
 * POST   /verificationEmailRequest  curl -X POST -H ... -d '{"email":"a@b.co"}' URL/verificationEmailRequest
 * POST   /requestPasswordReset      curl -X POST -H ... -d '{"email":"a@b.co"}' URL/requestPasswordReset
 * GET    /users/me          curl -H ... -H "X-Parse-Session-Token: r:..." URL/users/me
 * GET    /users/:objectId   curl -H ... URL/users/k3Xz9QpL2a
 * GET    /users             curl -H ... URL/users
 * PUT    /users/:objectId   curl -X PUT -H ... -H "X-Parse-Session-Token: r:..." -d '{"password":"new"}' URL/users/k3Xz9QpL2a
 * DELETE /users/:objectId   curl -X DELETE -H ... -H "X-Parse-Session-Token: r:..." URL/users/k3Xz9QpL2a
 * GET    /sessions/me       curl -H ... -H "X-Parse-Session-Token: r:..." URL/sessions/me
 * GET    /sessions          curl -H ... -H "X-Parse-Session-Token: r:..." URL/sessions
 * PUT    /sessions/:id      curl -X PUT -H ... -H "X-Parse-Session-Token: r:..." -d '{"device":"tablet"}' URL/sessions/Qw3rTy1234
 * DELETE /sessions/:id      curl -X DELETE -H ... -H "X-Parse-Session-Token: r:..." URL/sessions/Qw3rTy1234
 * </pre>
 */
final class UsersRoutes {
  private static final String OBJECT_ID = "objectId";
  private static final String USER = ClassNames.USER;
  private static final String SESSION = ClassNames.SESSION;

  private final AuthServiceClient auth;
  private final DataServiceClient data;

  UsersRoutes(AuthServiceClient auth, DataServiceClient data) {
    this.auth = auth;
    this.data = data;
  }

  void mount(Router router) {
    router.post("/users").handler(this::handleSignUp);
    router.get("/login").handler(ctx -> reply(ctx, USER, auth::logIn));
    router.post("/login").handler(ctx -> reply(ctx, USER, auth::logIn));
    router.post("/logout").handler(ctx -> reply(ctx, USER, auth::logOut));
    router.get("/verifyPassword").handler(ctx -> reply(ctx, USER, auth::verifyPassword));
    router.post("/challenge").handler(ctx -> reply(ctx, USER, auth::challenge));
    router.post("/verificationEmailRequest").handler(ctx -> reply(ctx, USER,
        auth::resendVerificationEmail));
    router.post("/requestPasswordReset").handler(ctx -> reply(ctx, USER,
        auth::requestPasswordReset));
    router.post("/verifyPassword").handler(ctx -> reply(ctx, USER, auth::verifyPassword));
    router.get("/users/me").handler(ctx -> reply(ctx, USER, auth::me));
    router.get("/users/:objectId").handler(ctx -> reply(ctx, USER, data::get));
    router.get("/users").handler(ctx -> reply(ctx, USER, data::find));
    router.put("/users/:objectId").handler(ctx -> reply(ctx, USER, auth::updateUser));
    router.delete("/users/:objectId").handler(ctx -> reply(ctx, USER, auth::deleteUser));
    router.get("/sessions/me").handler(ctx -> reply(ctx, SESSION, auth::sessionMe));
    router.get("/sessions").handler(ctx -> reply(ctx, SESSION, auth::sessions));
    router.post("/upgradeToRevocableSession").handler(ctx -> reply(ctx, SESSION,
        auth::upgradeSession));
    router.delete("/sessions/:objectId").handler(ctx -> reply(ctx, SESSION,
        auth::deleteSession));
    router.put("/sessions/:objectId").handler(ctx -> reply(ctx, SESSION,
        auth::updateSession));
  }

  private void handleSignUp(RoutingContext ctx) {
    auth.signUp(request(ctx, USER)).onSuccess(created -> {
      int status = Responses.takeStatus(created, 201);
      ctx.response().setStatusCode(status);
      if (status == 201) {
        ctx.response().putHeader("Location", Responses.apiUrl(ctx) + "/users/"
            + created.getString(ParseFields.OBJECT_ID));
      }
      Responses.json(ctx, created);
    }).onFailure(ctx::fail);
  }

  private static void reply(RoutingContext ctx, String className,
      Function<ServiceRequest, Future<JsonObject>> operation) {
    operation.apply(request(ctx, className)).onSuccess(body -> Responses.json(ctx, body))
        .onFailure(ctx::fail);
  }

  private static ServiceRequest request(RoutingContext ctx, String className) {
    return ParseRequest.of(ctx).toService(className, ctx.pathParam(OBJECT_ID));
  }
}
