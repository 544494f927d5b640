package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail verification and password reset end to end: a real SMTP server (GreenMail) receives
 * the mails, and the test follows the links in them as a browser would.
 */
class EmailFlowsApiTest extends ApiTestBase {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(
      ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
  private static final Pattern LINK = Pattern.compile("(https?://\\S+)");

  @BeforeAll
  static void withMail() throws Exception {
    // note: with the sample cloud code, whose beforePasswordResetRequest refuses one domain
    String cloud = java.nio.file.Path.of(EmailFlowsApiTest.class.getResource("/cloud/main.js")
        .toURI()).toString();
    withConfig(Map.of("cloud", cloud, "verifyUserEmails", "true",
        "preventLoginWithUnverifiedEmail", "true",
        "accountLockout", "{\"duration\":5,\"threshold\":2,\"unlockOnPasswordReset\":true}",
        "passwordPolicy", "{\"resetTokenValidityDuration\":600,\"resetTokenReuseIfValid\":true}",
        "appName", "Test App", "emailAdapter", new JsonObject().put("module", "smtp")
            .put("options", new JsonObject().put("host", "127.0.0.1")
                .put("port", MAIL.getSmtp().getPort()).put("fromAddress", "no-reply@test.app"))
            .encode()));
  }

  private static int mailsTo(String address) throws Exception {
    int count = 0;
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        count++;
      }
    }
    return count;
  }

  private static void awaitMails(String address, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (mailsTo(address) < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(25);
    }
    assertEquals(count, mailsTo(address), "mails to " + address);
  }

  /** The link of the last mail to {@code address}, pointed at this test's gateway. */
  private static String lastLinkTo(String address) throws Exception {
    String link = null;
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
        assertTrue(m.find(), GreenMailUtil.getBody(message));
        link = m.group(1);
      }
    }
    assertTrue(link != null && link.startsWith(PUBLIC_URL), String.valueOf(link));
    return url(link.substring(PUBLIC_URL.length()));
  }

  private static HttpResponse<Buffer> open(String absolute) {
    return client.getAbs(absolute).followRedirects(false).send().await();
  }

  private static HttpResponse<Buffer> logIn(String username, String password) {
    return request(HttpMethod.POST, "/login", new JsonObject().put("username", username)
        .put("password", password));
  }

  @Test
  void verificationLinkVerifiesOnce() throws Exception {
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "mail-ann")
        .put("password", "pw").put("email", "ann@test.app")), 201);
    expectError(logIn("mail-ann", "pw"), 400, 205);
    awaitMails("ann@test.app", 1);
    String link = lastLinkTo("ann@test.app");
    assertTrue(link.contains("/apps/" + APP_ID + "/verify_email?token="), link);
    HttpResponse<Buffer> verified = open(link);
    assertEquals(302, verified.statusCode());
    assertEquals("/parse/apps/verify_email_success.html?username=mail-ann",
        verified.getHeader("Location"));
    assertEquals(200, client.getAbs(url("/apps/verify_email_success.html?username=mail-ann"))
        .send().await().statusCode());
    JsonObject user = expect(logIn("mail-ann", "pw"), 200);
    assertEquals(true, user.getBoolean("emailVerified"));
    assertEquals("/parse/apps/invalid_link.html", open(link).getHeader("Location"));
  }

  @Test
  void verificationMailsCanBeAskedForAgainWithoutRevealingAccounts() throws Exception {
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "mail-ben")
        .put("password", "pw").put("email", "ben@test.app")), 201);
    awaitMails("ben@test.app", 1);
    int before = mailsTo("ben@test.app");
    assertEquals(new JsonObject(), expect(request(HttpMethod.POST, "/verificationEmailRequest",
        new JsonObject().put("email", "ben@test.app")), 200));
    assertEquals(new JsonObject(), expect(request(HttpMethod.POST, "/verificationEmailRequest",
        new JsonObject().put("email", "nobody@test.app")), 200));
    expectError(request(HttpMethod.POST, "/verificationEmailRequest", new JsonObject()), 400, 204);
    awaitMails("ben@test.app", before + 1);
    assertEquals(before + 1, mailsTo("ben@test.app"));
    assertEquals(0, mailsTo("nobody@test.app"));
    assertEquals(302, open(lastLinkTo("ben@test.app")).statusCode());
    expect(logIn("mail-ben", "pw"), 200);
  }

  @Test
  void passwordResetThroughTheMailedLinkAndTheForm() throws Exception {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "mail-cat").put("password", "old-pw").put("email", "cat@test.app")),
        201);
    awaitMails("cat@test.app", 1);
    open(lastLinkTo("cat@test.app")); // verify first
    String session = expect(logIn("mail-cat", "old-pw"), 200).getString("sessionToken");

    expect(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()
        .put("email", "cat@test.app")), 200);
    expect(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()
        .put("email", "unknown@test.app")), 200);
    expectError(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()), 400, 204);
    expectError(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()
        .put("email", "not-an-address")), 400, 125);
    awaitMails("cat@test.app", 2);
    String link = lastLinkTo("cat@test.app");
    assertTrue(link.contains("/request_password_reset?token="), link);
    HttpResponse<Buffer> toForm = open(link);
    assertEquals(302, toForm.statusCode());
    String formPage = toForm.getHeader("Location");
    assertTrue(formPage.startsWith("/parse/apps/choose_password?token="), formPage);
    String html = client.getAbs(url(formPage.substring("/parse".length()))).send().await()
        .bodyAsString();
    assertTrue(html.contains("name=\"new_password\""), html);
    Matcher token = Pattern.compile("token=([^&]+)").matcher(formPage);
    assertTrue(token.find());

    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("new_password", "new-pw")
        .add("token", java.net.URLDecoder.decode(token.group(1), "UTF-8"))
        .add("username", "mail-cat");
    HttpResponse<Buffer> done = client.postAbs(url("/apps/" + APP_ID
        + "/request_password_reset")).followRedirects(false).sendForm(form).await();
    assertEquals(302, done.statusCode());
    assertEquals("/parse/apps/password_reset_success.html?username=mail-cat",
        done.getHeader("Location"));
    expect(logIn("mail-cat", "new-pw"), 200);
    expectError(logIn("mail-cat", "old-pw"), 404, 101);
    expectError(request(HttpMethod.GET, "/users/me", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, session), null), 400, 209);
    assertEquals("/parse/apps/invalid_link.html", open(link).getHeader("Location"));
    assertEquals(user.getString("objectId"), expect(logIn("mail-cat", "new-pw"), 200)
        .getString("objectId"));
  }

  @Test
  void aResetReusesALiveTokenExpiresInTimeAndUnlocksTheAccount() throws Exception {
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "mail-dan")
        .put("password", "pw-1").put("email", "dan@test.app")), 201);
    awaitMails("dan@test.app", 1);
    open(lastLinkTo("dan@test.app"));
    expectError(logIn("mail-dan", "bad"), 404, 101);
    expectError(logIn("mail-dan", "bad"), 404, 101);
    expectError(logIn("mail-dan", "pw-1"), 404, 101); // locked

    expect(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()
        .put("email", "dan@test.app")), 200);
    awaitMails("dan@test.app", 2);
    String first = lastLinkTo("dan@test.app");
    expect(request(HttpMethod.POST, "/requestPasswordReset", new JsonObject()
        .put("email", "dan@test.app")), 200);
    awaitMails("dan@test.app", 3);
    assertEquals(first, lastLinkTo("dan@test.app"), "resetTokenReuseIfValid mails the same link");

    var store = raw();
    java.time.Instant expires = store.date(store.userNamed("mail-dan"),
        "_perishable_token_expires_at");
    assertTrue(expires.isAfter(java.time.Instant.now().plusSeconds(500))
        && expires.isBefore(java.time.Instant.now().plusSeconds(700)), expires.toString());

    Matcher token = Pattern.compile("token=([^&]+)").matcher(first);
    assertTrue(token.find());
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("new_password", "pw-2")
        .add("token", java.net.URLDecoder.decode(token.group(1), "UTF-8"))
        .add("username", "mail-dan");
    assertEquals(302, client.postAbs(url("/apps/" + APP_ID + "/request_password_reset"))
        .followRedirects(false).sendForm(form).await().statusCode());
    expect(logIn("mail-dan", "pw-2"), 200);
  }

  @Test
  void beforePasswordResetRequestMayRefuse() throws Exception {
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "mail-blocked")
        .put("password", "pw").put("email", "eve@blocked.test")), 201);
    awaitMails("eve@blocked.test", 1); // the verification mail only
    assertEquals("password resets are blocked here", expectError(request(HttpMethod.POST,
        "/requestPasswordReset", new JsonObject().put("email", "eve@blocked.test")), 400, 119)
        .getString("error"));
    Thread.sleep(500);
    assertEquals(1, mailsTo("eve@blocked.test"));
  }
}
