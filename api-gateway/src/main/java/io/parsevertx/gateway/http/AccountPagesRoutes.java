package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The pages e-mailed links open (no keys: the token is the credential), as Parse Server serves
 * them under {@code <mount>/apps/}: e-mail verification, choosing a new password, and the
 * success and invalid-link pages they redirect to.
 *
 * <pre>
 * GET  /apps/:appId/verify_email?token=&username=          (link in the verification mail)
 * GET  /apps/:appId/request_password_reset?token=&username= (link in the reset mail)
 * POST /apps/:appId/request_password_reset                 (form: new_password, token, username)
 * GET  /apps/choose_password, /apps/verify_email_success.html, /apps/password_reset_success.html,
 *      /apps/invalid_link.html
 * </pre>
 */
final class AccountPagesRoutes {
  private final AuthServiceClient auth;
  private final String appId;
  private final String mountPath;

  AccountPagesRoutes(AuthServiceClient auth, String appId, String mountPath) {
    this.auth = auth;
    this.appId = appId;
    this.mountPath = mountPath.equals("/") ? "" : mountPath;
  }

  void mount(Router router) {
    router.get("/apps/:appId/verify_email").handler(this::handleVerifyEmail);
    router.get("/apps/:appId/request_password_reset").handler(this::handleResetLink);
    router.post("/apps/:appId/request_password_reset").handler(this::handleResetForm);
    router.get("/apps/choose_password").handler(this::handleChoosePassword);
    router.get("/apps/verify_email_success.html").handler(ctx -> page(ctx, "Email verified!",
        "Successfully verified your email for account: " + param(ctx, "username") + "."));
    router.get("/apps/password_reset_success.html").handler(ctx -> page(ctx,
        "Password reset!", "Your password has been updated."));
    router.get("/apps/invalid_link.html").handler(ctx -> page(ctx, "Invalid link",
        "This link is invalid or has expired."));
  }

  private void handleVerifyEmail(RoutingContext ctx) {
    if (!appId.equals(ctx.pathParam("appId"))) {
      redirect(ctx, "/apps/invalid_link.html");
      return;
    }
    auth.verifyEmail(request(ctx, ctx.queryParams()))
        .onSuccess(done -> redirect(ctx, "/apps/verify_email_success.html?username="
            + encode(done.getString("username"))))
        .onFailure(e -> redirect(ctx, "/apps/invalid_link.html"));
  }

  private void handleResetLink(RoutingContext ctx) {
    if (!appId.equals(ctx.pathParam("appId"))) {
      redirect(ctx, "/apps/invalid_link.html");
      return;
    }
    auth.checkPasswordResetToken(request(ctx, ctx.queryParams()))
        .onSuccess(ok -> redirect(ctx, "/apps/choose_password?token="
            + encode(param(ctx, "token")) + "&username=" + encode(param(ctx, "username"))
            + "&appId=" + encode(appId)))
        .onFailure(e -> redirect(ctx, "/apps/invalid_link.html"));
  }

  private void handleResetForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    auth.resetPassword(request(ctx, form))
        .onSuccess(done -> redirect(ctx, "/apps/password_reset_success.html?username="
            + encode(done.getString("username"))))
        .onFailure(e -> redirect(ctx, "/apps/choose_password?token="
            + encode(form.get("token")) + "&username=" + encode(form.get("username"))
            + "&appId=" + encode(appId) + "&error=" + encode(e.getMessage())));
  }

  private void handleChoosePassword(RoutingContext ctx) {
    String error = param(ctx, "error");
    String action = mountPath + "/apps/" + encode(appId) + "/request_password_reset";
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(
        "<!DOCTYPE html><html><head><title>Choose a new password</title></head><body>"
            + "<h1>Choose a new password</h1>"
            + (error.isEmpty() ? "" : "<p class=\"error\">" + html(error) + "</p>")
            + "<form method=\"POST\" action=\"" + html(action) + "\">"
            + "<input type=\"password\" name=\"new_password\">"
            + "<input type=\"hidden\" name=\"token\" value=\"" + html(param(ctx, "token"))
            + "\"><input type=\"hidden\" name=\"username\" value=\""
            + html(param(ctx, "username")) + "\"><button type=\"submit\">Change password"
            + "</button></form></body></html>");
  }

  private static ServiceRequest request(RoutingContext ctx, io.vertx.core.MultiMap values) {
    JsonObject params = new JsonObject();
    values.names().forEach(name -> params.put(name, values.get(name)));
    return new ServiceRequest(RequestIds.of(ctx), null, null, null, params, null);
  }

  private void redirect(RoutingContext ctx, String path) {
    ctx.response().setStatusCode(302).putHeader("Location", mountPath + path).end();
  }

  private static void page(RoutingContext ctx, String title, String text) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(
        "<!DOCTYPE html><html><head><title>" + html(title) + "</title></head><body><h1>"
            + html(title) + "</h1><p>" + html(text) + "</p></body></html>");
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null ? "" : value;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
