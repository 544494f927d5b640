package io.parsevertx.common.schema;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** Which class and field names Parse accepts. */
public final class ClassNames {
  public static final String USER = "_User";
  public static final String ROLE = "_Role";
  public static final String SESSION = "_Session";
  public static final String INSTALLATION = "_Installation";
  public static final String PRODUCT = "_Product";
  public static final String PUSH_STATUS = "_PushStatus";
  /** push-service's leased slices of a running push (ours; Parse Server has none). */
  public static final String PUSH_WORK = "_PushWork";
  public static final String JOB_STATUS = "_JobStatus";
  public static final String JOB_SCHEDULE = "_JobSchedule";
  public static final String AUDIENCE = "_Audience";
  public static final String IDEMPOTENCY = "_Idempotency";
  public static final String GLOBAL_CONFIG = "_GlobalConfig";
  public static final String GRAPHQL_CONFIG = "_GraphQLConfig";
  public static final String HOOKS = "_Hooks";

  /** System classes a client may address through {@code /classes}. */
  public static final Set<String> SYSTEM_CLASSES = Set.of(USER, INSTALLATION, ROLE, SESSION,
      PRODUCT, PUSH_STATUS, PUSH_WORK, JOB_STATUS, JOB_SCHEDULE, AUDIENCE, IDEMPOTENCY, HOOKS);

  /**
   * The server's own bookkeeping classes, which {@code GET /schemas} leaves out as Parse
   * Server does (it keeps no schema for them), so the Dashboard's class list shows only the app's
   * classes and the ones users edit.
   */
  public static final Set<String> BOOKKEEPING_CLASSES = Set.of(PUSH_STATUS, PUSH_WORK,
      JOB_STATUS, JOB_SCHEDULE, AUDIENCE, IDEMPOTENCY, GLOBAL_CONFIG, GRAPHQL_CONFIG, HOOKS);

  private static final Pattern CLASS_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
  private static final Pattern JOIN_CLASS = Pattern.compile("^_Join:[A-Za-z0-9_]+:[A-Za-z0-9_]+");
  private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][0-9A-Za-z_]*$");

  private ClassNames() {}

  public static boolean isValidClassName(String name) {
    return name != null && (SYSTEM_CLASSES.contains(name) || CLASS_NAME.matcher(name).matches()
        || JOIN_CLASS.matcher(name).matches());
  }

  public static boolean isValidFieldName(String name) {
    return name != null && FIELD_NAME.matcher(name).matches();
  }

  /** Fails with 103 unless {@code name} is a class name a client may use. */
  public static String requireValidClassName(String name) {
    if (!isValidClassName(name)) {
      throw ParseException.of(ParseErrorCode.INVALID_CLASS_NAME, "Invalid classname: %s, "
          + "classnames can only have alphanumeric characters and _, and must start with an "
          + "alpha character ", name);
    }
    return name;
  }

  /** Fails with 105 unless {@code name} is a valid top-level field name. */
  public static String requireValidFieldName(String name) {
    if (!isValidFieldName(name)) {
      throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME, "Invalid field name: %s.", name);
    }
    return name;
  }
}
