package io.parsevertx.auth.policy;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * parse-server's {@code passwordPolicy}: {@code validatorPattern} (with
 * {@code validationError}), {@code doNotAllowUsername}, {@code maxPasswordHistory} (kept as
 * hashes in {@code _password_history}), {@code maxPasswordAge} (days; older passwords must be
 * reset before logging in), {@code resetTokenValidityDuration} and
 * {@code resetTokenReuseIfValid}. Violations are error 142 with Parse Server's messages.
 */
public final class PasswordPolicy {
  public static final String HISTORY = "_password_history";
  public static final String CHANGED_AT = "_password_changed_at";

  private final Pattern pattern;
  private final String validationError;
  private final boolean doNotAllowUsername;
  private final int maxHistory;
  private final Integer maxAgeDays;
  private final Long resetTokenValiditySeconds;
  private final boolean resetTokenReuseIfValid;

  private PasswordPolicy(Pattern pattern, String validationError, boolean doNotAllowUsername,
      int maxHistory, Integer maxAgeDays, Long resetTokenValiditySeconds,
      boolean resetTokenReuseIfValid) {
    this.pattern = pattern;
    this.validationError = validationError;
    this.doNotAllowUsername = doNotAllowUsername;
    this.maxHistory = maxHistory;
    this.maxAgeDays = maxAgeDays;
    this.resetTokenValiditySeconds = resetTokenValiditySeconds;
    this.resetTokenReuseIfValid = resetTokenReuseIfValid;
  }

  /** Whether a new reset request mails the still-valid token again instead of a new one. */
  public boolean resetTokenReuseIfValid() {
    return resetTokenReuseIfValid;
  }

  /** Seconds a password-reset link works, or null for no limit. */
  public Long resetTokenValiditySeconds() {
    return resetTokenValiditySeconds;
  }

  /** @return the policy; an empty one when the option is not set */
  public static PasswordPolicy fromJson(JsonObject options) {
    JsonObject o = options == null ? new JsonObject() : options;
    Pattern pattern = null;
    if (o.getValue("validatorPattern") instanceof String regex) {
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new OptionsException("Invalid option --passwordPolicy: validatorPattern is not a "
            + "regular expression");
      }
    }
    Object history = o.getValue("maxPasswordHistory", 0);
    if (!(history instanceof Number h) || h.intValue() < 0 || h.intValue() > 20) {
      throw new OptionsException("Invalid option --passwordPolicy: maxPasswordHistory must be "
          + "an integer from 0 to 20");
    }
    Object age = o.getValue("maxPasswordAge");
    if (age != null && (!(age instanceof Number a) || a.intValue() < 0)) {
      throw new OptionsException("Invalid option --passwordPolicy: maxPasswordAge must be a "
          + "positive number of days");
    }
    Object validity = o.getValue("resetTokenValidityDuration");
    if (validity != null && (!(validity instanceof Number v) || v.longValue() <= 0)) {
      throw new OptionsException("Invalid option --passwordPolicy: resetTokenValidityDuration "
          + "must be a positive number of seconds");
    }
    return new PasswordPolicy(pattern, o.getString("validationError"),
        o.getBoolean("doNotAllowUsername", false), h.intValue(),
        age == null ? null : ((Number) age).intValue(),
        validity == null ? null : ((Number) validity).longValue(),
        o.getBoolean("resetTokenReuseIfValid", false));
  }

  /** @throws ParseException 142 when {@code password} breaks the pattern or names the user */
  public void check(String password, String username) {
    if (pattern != null && !pattern.matcher(password).find()) {
      throw new ParseException(ParseErrorCode.VALIDATION_ERROR, validationError != null
          ? validationError : "Password does not meet the Password Policy requirements.");
    }
    if (doNotAllowUsername && username != null
        && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      throw new ParseException(ParseErrorCode.VALIDATION_ERROR,
          "Password cannot contain your username.");
    }
  }

  public int maxHistory() {
    return maxHistory;
  }

  /** The hashes a new password may not match: the current one and the kept history. */
  public List<String> previousHashes(JsonObject user) {
    List<String> hashes = new ArrayList<>();
    if (maxHistory == 0) {
      return hashes;
    }
    if (user.getValue("_hashed_password") instanceof String current) {
      hashes.add(current);
    }
    if (user.getValue(HISTORY) instanceof JsonArray history) {
      history.forEach(h -> hashes.add(String.valueOf(h)));
    }
    return hashes.subList(0, Math.min(hashes.size(), maxHistory));
  }

  /** The history to store once the password changes away from {@code user}'s current one. */
  public JsonArray historyAfterChange(JsonObject user) {
    JsonArray kept = new JsonArray();
    List<String> previous = previousHashes(user);
    previous.stream().limit(Math.max(0, maxHistory - 1)).forEach(kept::add);
    return kept;
  }

  public ParseException repeatedPassword() {
    return new ParseException(ParseErrorCode.VALIDATION_ERROR,
        "New password should not be the same as last " + maxHistory + " passwords.");
  }

  /** @throws ParseException 101 when the password is older than {@code maxPasswordAge} days */
  public void requireNotExpired(JsonObject user) {
    if (maxAgeDays == null || maxAgeDays == 0) {
      return;
    }
    Instant changed = user.getValue(CHANGED_AT) instanceof JsonObject date
        ? ParseDates.parse(date.getString(ParseFields.ISO))
        : ParseDates.parse(user.getString(ParseFields.CREATED_AT));
    if (changed.plus(Duration.ofDays(maxAgeDays)).isBefore(Instant.now())) {
      throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
          "Your password has expired. Please reset your password.");
    }
  }
}
