package io.parsevertx.auth.mfa;

import io.parsevertx.common.auth.MfaData;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * One-time codes by text message ({@code auth.mfa.options} containing {@code "SMS"}, with
 * {@code auth.mfa.sms: {"url", "headers", "timeoutMs"}} for the gateway). A code is stored only
 * as a hash with its expiry ({@code period} seconds, as for TOTP), next to the mobile
 * number it was sent to, and is used up by the first log-in that presents it.
 */
public final class SmsMfa {
  public static final String MOBILE = MfaData.MOBILE;
  /** Set-up in progress: the number being confirmed and its code. */
  public static final String PENDING = "pending";
  /** A log-in code sent to a user who has SMS set up. */
  public static final String LOGIN = "login";
  /** What the client sends as the token to have a log-in code texted. */
  public static final String REQUEST = "request";
  private static final String CODE = "code";
  private static final String EXPIRES = "expiresAt";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int digits;
  private final long validitySeconds;
  private final JsonObject gateway;

  private SmsMfa(int digits, long validitySeconds, JsonObject gateway) {
    this.digits = digits;
    this.validitySeconds = validitySeconds;
    this.gateway = gateway;
  }

  /** @return the SMS factor, or null when {@code auth.mfa.options} does not list SMS */
  public static SmsMfa fromOptions(JsonObject auth) {
    JsonObject mfa = auth == null ? null : auth.getJsonObject(TotpMfa.PROVIDER);
    if (mfa == null || !mfa.getBoolean("enabled", false)
        || !mfa.getJsonArray("options", new JsonArray()).contains("SMS")) {
      return null;
    }
    JsonObject gateway = mfa.getJsonObject("sms");
    if (gateway == null || !(gateway.getValue("url") instanceof String)) {
      throw new OptionsException("Invalid option --auth: mfa with SMS needs mfa.sms.url "
          + "(the SMS gateway)");
    }
    return new SmsMfa(mfa.getInteger("digits", 6),
        mfa.getInteger("period", 30), gateway);
  }

  public JsonObject gateway() {
    return gateway;
  }

  public String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      code.append(RANDOM.nextInt(10));
    }
    return code.toString();
  }

  public static String message(String code) {
    return "Your verification code is " + code;
  }

  /** @return what is stored for a code sent to {@code mobile} */
  public JsonObject issued(String mobile, String code) {
    return new JsonObject().put(MOBILE, mobile).put(CODE, TotpMfa.hash(code))
        .put(EXPIRES, Instant.now().plusSeconds(validitySeconds).toEpochMilli());
  }

  /** Whether {@code token} is the unexpired code of {@code sent} (for {@code mobile}, if given). */
  public static boolean accepts(Object sent, String mobile, String token) {
    return sent instanceof JsonObject json && token != null
        && (mobile == null || mobile.equals(json.getString(MOBILE)))
        && json.getLong(EXPIRES, 0L) > System.currentTimeMillis()
        && MessageDigest.isEqual(TotpMfa.hash(token).getBytes(StandardCharsets.UTF_8),
            json.getString(CODE, "").getBytes(StandardCharsets.UTF_8));
  }

  /** The stored hash of a sent code, for the conditional update that uses it up. */
  public static String codeHash(JsonObject sent) {
    return sent.getString(CODE);
  }
}
