package io.parsevertx.data.security;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.common.security.ClassPermissions;

/**
 * The classes whose rules differ from CLPs and ACLs as written, per the table in Parse Server's
 * security guide: {@code _Installation} ignores CLPs (ACLs still apply), is found only by its
 * {@code installationId} without the master key, and is deleted only with it; {@code _User}
 * objects are never hidden from themselves; {@code _PushStatus}, {@code _JobStatus} and the
 * other server-kept classes are the master key's alone.
 */
public final class SpecialClasses {
  private static final String INSTALLATION_ID = "installationId";
  /** Written and read by the server (push, jobs); clients see them only with the master key. */
  private static final java.util.Set<String> MASTER_ONLY = java.util.Set.of(
      ClassNames.PUSH_STATUS, ClassNames.PUSH_WORK, ClassNames.JOB_STATUS,
      ClassNames.JOB_SCHEDULE, ClassNames.HOOKS,
      ClassNames.GLOBAL_CONFIG, ClassNames.IDEMPOTENCY);

  private SpecialClasses() {}

  /**
   * For a class that does not exist yet: the server-kept classes stay the master key's even
   * before their first object (else a client could create {@code _Hooks} rows, say).
   */
  public static void checkNew(String className, String operation, AccessPolicy policy) {
    if (MASTER_ONLY.contains(className) && !policy.master()) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "Clients aren't allowed to perform the %s operation on the %s collection.", operation,
          className);
    }
  }

  /** The class-level check of {@code operation}, with the special classes' exceptions. */
  public static QueryNode check(ClassSchema schema, String operation, AccessPolicy policy,
      QueryNode where) {
    if (MASTER_ONLY.contains(schema.className()) && !policy.master()) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "Clients aren't allowed to perform the %s operation on the %s collection.", operation,
          schema.className());
    }
    if (!ClassNames.INSTALLATION.equals(schema.className()) || policy.master()) {
      return ClassPermissions.check(schema, operation, policy, where);
    }
    if ("delete".equals(operation) || ("find".equals(operation) || "count".equals(operation))
        && !constrainsInstallationId(where)) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "Clients aren't allowed to perform the %s operation on the installation collection.",
          operation);
    }
    return where;
  }

  /** The read filter: the object ACL, and for users the caller itself always. */
  public static QueryNode readable(ClassSchema schema, AccessPolicy policy, QueryNode where) {
    return ClassNames.USER.equals(schema.className()) ? policy.readableUsers(where)
        : policy.readable(where);
  }

  private static boolean constrainsInstallationId(QueryNode where) {
    if (where instanceof QueryNode.Constraint c) {
      return INSTALLATION_ID.equals(c.field()) && c.op() == QueryOp.EQ;
    }
    return where instanceof QueryNode.And and
        && and.children().stream().anyMatch(SpecialClasses::constrainsInstallationId);
  }
}
