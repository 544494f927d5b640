package io.parsevertx.data.installations;

import static io.parsevertx.data.installations.InstallationFields.DEVICE_TOKEN;
import static io.parsevertx.data.installations.InstallationFields.DEVICE_TYPE;
import static io.parsevertx.data.installations.InstallationFields.INSTALLATION_ID;
import static io.parsevertx.data.installations.InstallationFields.string;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parse Server's de-duplication of {@code _Installation}: the same device registering again
 * (same {@code installationId}, or the same {@code deviceToken}) updates one installation instead
 * of creating another, and a device token belongs to one installation at a time, so an older
 * installation holding it is removed. Reads and clean-up deletes run without ACLs, as the
 * server's own bookkeeping.
 */
public final class InstallationWrites {
  private static final String NOT_FOUND_FOR_UPDATE = "Object not found for update.";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      InstallationWrites.class);

  private final StorageAdapter storage;
  private final SchemaController schemas;
  /** Fields whose index this process has made sure of. */
  private final java.util.Set<String> indexedFields =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public InstallationWrites(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /**
   * Checks and normalizes a new installation's {@code body} (in place).
   *
   * @return the objectId of the installation this write updates instead, or null to create one;
   *     fails with 112, 132, 135
   */
  public Future<String> beforeCreate(JsonObject body, AuthContext auth) {
    InstallationFields.normalize(body);
    if (string(body, DEVICE_TOKEN) == null && string(body, INSTALLATION_ID) == null
        && auth.installationId() == null) {
      throw new ParseException(ParseErrorCode.MISSING_REQUIRED_FIELD_ERROR, "at least one ID "
          + "field (deviceToken, installationId) must be specified in this operation");
    }
    String installationId = effectiveInstallationId(body, auth);
    String deviceToken = string(body, DEVICE_TOKEN);
    return matches(null, installationId, deviceToken).compose(found -> {
      JsonObject idMatch = found.byInstallationId(installationId);
      if (idMatch == null && !body.containsKey(DEVICE_TYPE)) {
        throw new ParseException(ParseErrorCode.MISSING_REQUIRED_FIELD_ERROR,
            "deviceType must be specified in this operation");
      }
      return resolve(body, installationId, idMatch, found.byDeviceToken(deviceToken, idMatch));
    }).onSuccess(mergeInto -> {
      if (mergeInto != null) {
        body.remove(ParseFields.OBJECT_ID);
        body.remove(ParseFields.CREATED_AT);
      }
    });
  }

  /**
   * Checks an update of installation {@code objectId}: its ids and device type may not change.
   *
   * @return completes once other installations holding the new device token are gone; fails
   *     with 101, 112, 136
   */
  public Future<Void> beforeUpdate(String objectId, JsonObject body, AuthContext auth) {
    InstallationFields.normalize(body);
    String deviceToken = string(body, DEVICE_TOKEN);
    return matches(objectId, null, deviceToken).compose(found -> {
      JsonObject target = found.byObjectId(objectId);
      if (target == null) {
        throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, NOT_FOUND_FOR_UPDATE);
      }
      checkImmutable(body, target);
      return resolve(body, string(target, INSTALLATION_ID), target,
          found.byDeviceToken(deviceToken, target)).mapEmpty();
    });
  }

  private static void checkImmutable(JsonObject body, JsonObject target) {
    String newId = string(body, INSTALLATION_ID);
    String oldId = string(target, INSTALLATION_ID);
    if (newId != null && oldId != null && !newId.equals(oldId)) {
      throw immutable(INSTALLATION_ID);
    }
    String newToken = string(body, DEVICE_TOKEN);
    String oldToken = string(target, DEVICE_TOKEN);
    if (newToken != null && oldToken != null && !newToken.equals(oldToken) && newId == null
        && oldId == null) {
      throw immutable(DEVICE_TOKEN);
    }
    if (body.containsKey(DEVICE_TYPE)
        && !Objects.equals(body.getValue(DEVICE_TYPE), target.getValue(DEVICE_TYPE))) {
      throw immutable(DEVICE_TYPE);
    }
  }

  /** Which installation the write lands on (null: a new one), clearing duplicates of a token. */
  private Future<String> resolve(JsonObject body, String installationId, JsonObject idMatch,
      List<JsonObject> tokenMatches) {
    String deviceToken = string(body, DEVICE_TOKEN);
    if (idMatch == null) {
      if (tokenMatches.isEmpty()) {
        return Future.succeededFuture(null);
      }
      if (tokenMatches.size() == 1 && (string(tokenMatches.get(0), INSTALLATION_ID) == null
          || installationId == null)) {
        // note: the device re-registers by token alone, or gains an installationId: same object
        return Future.succeededFuture(tokenMatches.get(0).getString(ParseFields.OBJECT_ID));
      }
      if (string(body, INSTALLATION_ID) == null) {
        throw new ParseException(ParseErrorCode.INVALID_INSTALLATION_ID,
            "Must specify installationId when deviceToken matches multiple Installation objects");
      }
      // the token moved to a new installation (app reinstalled): the old ones lose it
      return deleteOthers(tokenMatches, installationId, null, body).map(v -> null);
    }
    String idMatchId = idMatch.getString(ParseFields.OBJECT_ID);
    if (tokenMatches.size() == 1 && string(tokenMatches.get(0), INSTALLATION_ID) == null) {
      // note: a token-only installation and this one are the same device: keep the former
      return delete(List.of(idMatch)).map(v -> tokenMatches.get(0).getString(
          ParseFields.OBJECT_ID));
    }
    if (deviceToken != null && !deviceToken.equals(string(idMatch, DEVICE_TOKEN))) {
      return deleteOthers(tokenMatches, installationId, idMatchId, body).map(v -> idMatchId);
    }
    return Future.succeededFuture(idMatchId);
  }

  /** Deletes the token's other holders, within the same app when the write names one. */
  private Future<Void> deleteOthers(List<JsonObject> tokenMatches, String installationId,
      String keepObjectId, JsonObject body) {
    Object appIdentifier = body.getValue("appIdentifier");
    List<JsonObject> doomed = tokenMatches.stream()
        .filter(m -> installationId == null || !installationId.equals(string(m,
            INSTALLATION_ID)))
        .filter(m -> keepObjectId == null || !keepObjectId.equals(m.getString(
            ParseFields.OBJECT_ID)))
        .filter(m -> appIdentifier == null || appIdentifier.equals(m.getValue("appIdentifier")))
        .toList();
    return delete(doomed);
  }

  private Future<Void> delete(List<JsonObject> installations) {
    if (installations.isEmpty()) {
      return Future.succeededFuture();
    }
    return schemas.find(ClassNames.INSTALLATION).compose(schema -> Future.all(installations
        .stream().map(i -> storage.deleteObject(schema, eq(ParseFields.OBJECT_ID,
            i.getString(ParseFields.OBJECT_ID)))).toList())).mapEmpty();
  }

  /** Without the master key the caller's {@code X-Parse-Installation-Id} names the device. */
  private static String effectiveInstallationId(JsonObject body, AuthContext auth) {
    String id = string(body, INSTALLATION_ID);
    if (id == null && !auth.master() && auth.installationId() != null) {
      id = auth.installationId();
    }
    return id == null ? null : id.toLowerCase(java.util.Locale.ROOT);
  }

  /** One read for all three ways a write can match stored installations. */
  private Future<Matches> matches(String objectId, String installationId, String deviceToken) {
    List<QueryNode> any = new ArrayList<>();
    if (objectId != null) {
      any.add(eq(ParseFields.OBJECT_ID, objectId));
    }
    if (installationId != null) {
      any.add(eq(INSTALLATION_ID, installationId));
    }
    if (deviceToken != null) {
      any.add(eq(DEVICE_TOKEN, deviceToken));
    }
    if (any.isEmpty()) {
      return Future.succeededFuture(new Matches(List.of()));
    }
    return schemas.find(ClassNames.INSTALLATION).compose(schema -> schema == null
        ? Future.succeededFuture(new Matches(List.of()))
        : indexed(schema).compose(v -> storage.find(schema, new QueryNode.Or(any),
            new FindOptions(List.of(), 1000, 0, null, false))).map(Matches::new));
  }

  /**
   * Every installation write looks its device up by these fields, so they get an index (once
   * per process; creating an existing one is a no-op). A failure only costs speed.
   */
  private Future<Void> indexed(ClassSchema schema) {
    List<Future<Void>> created = new ArrayList<>();
    for (String field : List.of(INSTALLATION_ID, DEVICE_TOKEN)) {
      if (schema.field(field) != null && indexedFields.add(field)) {
        created.add(storage.createIndex(schema, field + "_1", new JsonObject().put(field, 1),
            false).onFailure(e -> {
              indexedFields.remove(field);
              LOG.warn("event=installation_index_failed field={} error={}", field,
                  e.getClass().getSimpleName());
            }));
      }
    }
    return created.isEmpty() ? Future.succeededFuture()
        : Future.join(created).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private static QueryNode eq(String field, String value) {
    return new QueryNode.Constraint(field, QueryOp.EQ, value);
  }

  private static ParseException immutable(String field) {
    return new ParseException(ParseErrorCode.CHANGED_IMMUTABLE_FIELD,
        field + " may not be changed in this operation");
  }

  /** The stored installations sharing an id or the token with the write. */
  private record Matches(List<JsonObject> found) {
    JsonObject byObjectId(String objectId) {
      return first(ParseFields.OBJECT_ID, objectId);
    }

    JsonObject byInstallationId(String installationId) {
      return installationId == null ? null : first(INSTALLATION_ID, installationId);
    }

    /** Holders of the token other than {@code self}. */
    List<JsonObject> byDeviceToken(String deviceToken, JsonObject self) {
      if (deviceToken == null) {
        return List.of();
      }
      return found.stream().filter(i -> deviceToken.equals(string(i, DEVICE_TOKEN)))
          .filter(i -> self == null || !Objects.equals(self.getString(ParseFields.OBJECT_ID),
              i.getString(ParseFields.OBJECT_ID)))
          .toList();
    }

    private JsonObject first(String field, String value) {
      return found.stream().filter(i -> value.equals(string(i, field))).findFirst().orElse(null);
    }
  }
}
