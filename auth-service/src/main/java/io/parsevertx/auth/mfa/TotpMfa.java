package io.parsevertx.auth.mfa;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.auth.MfaData;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * TOTP multi-factor authentication ({@code auth: {"mfa": {"enabled": true, "options":
 * ["TOTP"], "digits", "period", "algorithm"}}}), the {@code additional} kind of provider: set up
 * by a logged-in user with {@code {secret, token}}, then required at every password log-in as
 * {@code authData: {"mfa": {"token"}}}. Codes come from the TOTP library; a code's time step is
 * remembered so it cannot be used twice, and the two recovery codes are kept only as hashes and
 * work once each. The secret is stored encrypted ({@link SecretSeal}). Clients only ever see
 * {@code {"status": "enabled"}}.
 */
public final class TotpMfa {
  public static final String PROVIDER = MfaData.PROVIDER;
  private static final String SECRET = MfaData.SECRET;
  private static final String RECOVERY = "recovery";
  private static final String LAST_STEP = "lastStep";
  private static final int RECOVERY_LENGTH = 30;

  private final int digits;
  private final int period;
  private final HashingAlgorithm algorithm;
  private final SecretSeal seal;
  private final boolean totp;

  private TotpMfa(int digits, int period, HashingAlgorithm algorithm, SecretSeal seal,
      boolean totp) {
    this.digits = digits;
    this.period = period;
    this.algorithm = algorithm;
    this.seal = seal;
    this.totp = totp;
  }

  /** @return the MFA provider, or null when {@code auth.mfa} is not enabled */
  public static TotpMfa fromOptions(JsonObject auth, String masterKey) {
    JsonObject mfa = auth == null ? null : auth.getJsonObject(PROVIDER);
    if (mfa == null || !mfa.getBoolean("enabled", false)) {
      return null;
    }
    JsonArray options = mfa.getJsonArray("options", new JsonArray().add("TOTP"));
    if (options.isEmpty() || options.stream().anyMatch(o -> !"TOTP".equals(o)
        && !"SMS".equals(o))) {
      throw new OptionsException("Invalid option --auth: mfa.options must list TOTP and/or SMS");
    }
    int digits = mfa.getInteger("digits", 6);
    int period = mfa.getInteger("period", 30);
    if (digits < 4 || digits > 10 || period <= 10) {
      throw new OptionsException("Invalid option --auth: mfa.digits must be 4-10 and "
          + "mfa.period greater than 10");
    }
    HashingAlgorithm algorithm = switch (mfa.getString("algorithm", "SHA1").toUpperCase(
        Locale.ROOT)) {
      case "SHA1" -> HashingAlgorithm.SHA1;
      case "SHA256" -> HashingAlgorithm.SHA256;
      case "SHA512" -> HashingAlgorithm.SHA512;
      default -> throw new OptionsException("Invalid option --auth: mfa.algorithm must be "
          + "SHA1, SHA256 or SHA512");
    };
    Object encryptionKey = mfa.getValue("encryptionKey");
    if (encryptionKey != null && (!(encryptionKey instanceof String k) || k.length() < 16)) {
      throw new OptionsException("Invalid option --auth: mfa.encryptionKey must be a string of "
          + "at least 16 characters");
    }
    String keyMaterial = encryptionKey != null ? (String) encryptionKey : masterKey;
    if (keyMaterial == null) {
      throw new OptionsException("Invalid option --auth: mfa needs mfa.encryptionKey or "
          + "--masterKey to encrypt the secrets");
    }
    return new TotpMfa(digits, period, algorithm, new SecretSeal(keyMaterial),
        options.contains("TOTP"));
  }

  public static boolean isEnabled(JsonObject user) {
    return user.getValue("authData") instanceof JsonObject authData
        && isSetUp(authData.getValue(PROVIDER));
  }

  /** Whether stored MFA data is a working factor (TOTP secret or confirmed mobile number). */
  public static boolean isSetUp(Object stored) {
    return MfaData.isSetUp(stored);
  }

  /**
   * Confirms a mobile number as the second factor.
   *
   * @return {@code {"save": {mobile, recovery hashes}, "response": {"recovery": "a, b"}}}
   */
  public JsonObject enableSms(String mobile) {
    List<String> recovery = List.of(ObjectIds.newId(RECOVERY_LENGTH),
        ObjectIds.newId(RECOVERY_LENGTH));
    return new JsonObject().put("save", new JsonObject().put(SmsMfa.MOBILE, mobile)
            .put(RECOVERY, new JsonArray(recovery.stream().map(TotpMfa::hash).toList())))
        .put("response", new JsonObject().put(RECOVERY, String.join(", ", recovery)));
  }

  /**
   * Sets up TOTP for a user.
   *
   * @return {@code {"save": <stored data>, "response": {"recovery": "a, b"}}}
   * @throws ParseException 210 for a short secret, a wrong token or MFA already set up (unless
   *     {@code replacing}: the caller proved the current factor or holds the master key)
   */
  public JsonObject setUp(JsonObject current, JsonObject data, boolean replacing) {
    if (!totp) {
      throw new ParseException(ParseErrorCode.MFA_ERROR, "TOTP is not enabled on this server");
    }
    if (!replacing && isSetUp(current)) {
      throw new ParseException(ParseErrorCode.MFA_ERROR, "MFA is already set up on this account");
    }
    Object secret = data.getValue(SECRET);
    Object token = data.getValue("token");
    if (!(secret instanceof String s) || s.length() < 20 || !(token instanceof String t)) {
      throw new ParseException(ParseErrorCode.MFA_ERROR, "Invalid MFA data");
    }
    long step = matchingStep(s, t);
    if (step < 0) {
      throw new ParseException(ParseErrorCode.MFA_ERROR, "Invalid MFA token");
    }
    List<String> recovery = List.of(ObjectIds.newId(RECOVERY_LENGTH),
        ObjectIds.newId(RECOVERY_LENGTH));
    JsonObject save = new JsonObject().put(SECRET, seal.seal(s)).put(LAST_STEP, step)
        .put(RECOVERY, new JsonArray(recovery.stream().map(TotpMfa::hash).toList()));
    return new JsonObject().put("save", save)
        .put("response", new JsonObject().put(RECOVERY, String.join(", ", recovery)));
  }

  /**
   * Checks the second factor of a log-in.
   *
   * @return the MFA data to store after it (the step or the recovery code used up)
   * @throws ParseException 211 without a token, 210 for a wrong or reused one
   */
  public JsonObject verifyLogin(JsonObject stored, Object loginData) {
    Object token = loginData instanceof JsonObject json ? json.getValue("token") : null;
    if (!(token instanceof String t) || t.isEmpty()) {
      throw new ParseException(ParseErrorCode.MFA_TOKEN_REQUIRED,
          "Missing additional authData mfa");
    }
    long step = -1;
    if (stored.containsKey(SECRET)) {
      String secret = seal.open(stored.getString(SECRET));
      if (secret == null) {
        throw new ParseException(ParseErrorCode.MFA_ERROR, "The stored MFA secret cannot be "
            + "decrypted with this server's key");
      }
      step = matchingStep(secret, t);
    }
    if (step >= 0 && step > stored.getLong(LAST_STEP, -1L)) {
      return stored.copy().put(LAST_STEP, step);
    }
    JsonArray recovery = stored.getJsonArray(RECOVERY, new JsonArray());
    String hashed = hash(t);
    if (step < 0 && recovery.contains(hashed)) {
      JsonArray left = recovery.copy();
      left.remove(hashed);
      return stored.copy().put(RECOVERY, left);
    }
    throw new ParseException(ParseErrorCode.MFA_ERROR, "Invalid MFA token");
  }

  /** The time step (one period either side of now) whose code is {@code token}, or -1. */
  private long matchingStep(String secret, String token) {
    DefaultCodeGenerator generator = new DefaultCodeGenerator(algorithm, digits);
    long now = System.currentTimeMillis() / 1000 / period;
    for (long step = now - 1; step <= now + 1; step++) {
      try {
        String code = generator.generate(secret, step);
        if (MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
          return step;
        }
      } catch (CodeGenerationException | IllegalArgumentException e) {
        throw new ParseException(ParseErrorCode.MFA_ERROR, "Invalid MFA data");
      }
    }
    return -1;
  }

  static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
