package io.parsevertx.auth.policy;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * parse-server's {@code accountLockout}: after {@code threshold} failed logins in a row the
 * account refuses logins for {@code duration} minutes, even with the right password. Counted
 * in {@code _failed_login_count} and {@code _account_lockout_expires_at}, as Parse Server does.
 */
public final class AccountLockout {
  private static final String FAILED = "_failed_login_count";
  private static final String LOCKED_UNTIL = "_account_lockout_expires_at";

  private final int threshold;
  private final long durationMinutes;
  private final boolean unlockOnPasswordReset;

  private AccountLockout(int threshold, long durationMinutes, boolean unlockOnPasswordReset) {
    this.threshold = threshold;
    this.durationMinutes = durationMinutes;
    this.unlockOnPasswordReset = unlockOnPasswordReset;
  }

  /** @return the policy, or null when the option is not set */
  public static AccountLockout fromJson(JsonObject options) {
    if (options == null) {
      return null;
    }
    Object duration = options.getValue("duration");
    Object threshold = options.getValue("threshold");
    if (!(duration instanceof Number d) || d.doubleValue() <= 0 || d.doubleValue() >= 100000) {
      throw new OptionsException("Invalid option --accountLockout: duration must be greater "
          + "than 0 and less than 100000 (minutes)");
    }
    if (!(threshold instanceof Number t) || t.intValue() < 1 || t.intValue() >= 1000
        || t.doubleValue() != t.intValue()) {
      throw new OptionsException("Invalid option --accountLockout: threshold must be an integer "
          + "greater than 0 and less than 1000");
    }
    return new AccountLockout(t.intValue(), d.longValue(),
        options.getBoolean("unlockOnPasswordReset", false));
  }

  public boolean unlockOnPasswordReset() {
    return unlockOnPasswordReset;
  }

  /** @throws ParseException 101 while the account is locked */
  public void requireUnlocked(JsonObject user) {
    if (user == null || !(user.getValue(LOCKED_UNTIL) instanceof JsonObject until)) {
      return;
    }
    if (ParseDates.parse(until.getString(ParseFields.ISO)).isAfter(Instant.now())) {
      throw ParseException.of(ParseErrorCode.OBJECT_NOT_FOUND, "Your account is locked due to "
          + "multiple failed login attempts. Please try again after %d minute(s)",
          durationMinutes);
    }
  }

  /** Counts a failed login atomically and locks the account at the threshold. */
  public Future<Void> failed(StorageAdapter storage, ClassSchema schema, String userId) {
    QueryNode byId = new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ, userId);
    return storage.updateObject(schema, byId, new JsonObject().put(FAILED, new JsonObject()
            .put(ParseFields.OP, "Increment").put("amount", 1)))
        .compose(updated -> {
          if (updated == null || updated.getInteger(FAILED, 0) < threshold) {
            return Future.succeededFuture();
          }
          return storage.updateObject(schema, byId, new JsonObject()
              .put(LOCKED_UNTIL, ParseDates.toJson(Instant.now().plusSeconds(durationMinutes * 60)))
              .put(FAILED, new JsonObject().put(ParseFields.OP, "Delete"))).mapEmpty();
        });
  }

  /** A successful login (or, with unlockOnPasswordReset, a reset) clears the count. */
  public Future<Void> succeeded(StorageAdapter storage, ClassSchema schema, JsonObject user) {
    if (!user.containsKey(FAILED) && !user.containsKey(LOCKED_UNTIL)) {
      return Future.succeededFuture();
    }
    return storage.updateObject(schema, new QueryNode.Constraint(ParseFields.OBJECT_ID,
            QueryOp.EQ, user.getString(ParseFields.OBJECT_ID)), new JsonObject()
            .put(FAILED, new JsonObject().put(ParseFields.OP, "Delete"))
            .put(LOCKED_UNTIL, new JsonObject().put(ParseFields.OP, "Delete")))
        .mapEmpty();
  }
}
