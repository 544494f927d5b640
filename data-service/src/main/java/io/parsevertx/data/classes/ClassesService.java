package io.parsevertx.data.classes;

import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.auth.AuthDataViews;
import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.security.SensitiveFields;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.common.security.ClassPermissions;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.data.DataServiceConfig;
import io.parsevertx.data.query.IncludeResolver;
import io.parsevertx.data.query.QueryResolver;
import io.parsevertx.data.installations.InstallationWrites;
import io.parsevertx.data.security.SpecialClasses;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.List;

/**
 * The object operations behind {@code /classes}: create, get, update, delete, find. Each takes
 * the request envelope and returns the response body; failures are {@link ParseException}s.
 */
public final class ClassesService {
  private static final String OBJECT_NOT_FOUND = "Object not found.";

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private final DataServiceConfig config;
  private final ObjectReader reader;
  private final PrincipalResolver principals;
  private final InstallationWrites installations;

  private final Runnable rolesChanged;
  private final Consumer<ObjectChange> liveChanges;

  /**
   * @param principals resolves callers' users and roles
   * @param rolesChanged told after every write to {@code _Role}, so role caches everywhere drop
   */
  public ClassesService(StorageAdapter storage, SchemaController schemas,
      DataServiceConfig config, PrincipalResolver principals, Runnable rolesChanged,
      Consumer<ObjectChange> liveChanges) {
    this.liveChanges = liveChanges;
    this.storage = storage;
    this.schemas = schemas;
    this.config = config;
    this.principals = principals;
    this.rolesChanged = rolesChanged;
    this.installations = new InstallationWrites(storage, schemas);
    this.reader = new ObjectReader(storage, new QueryResolver(storage, schemas),
        new IncludeResolver(storage, schemas, config.protectedFields()),
        new FileUrls(config.filesBaseUrl()), config.protectedFields(),
        new SensitiveFields(AuthDataViews.fromOptions(config.auth())));
  }

  /**
   * The same service over other storage and schemas (a transaction's), with role changes
   * reported to {@code rolesChanged} instead.
   */
  public ClassesService over(StorageAdapter otherStorage, SchemaController otherSchemas,
      Runnable otherRolesChanged, Consumer<ObjectChange> otherLiveChanges) {
    return new ClassesService(otherStorage, otherSchemas, config, principals, otherRolesChanged,
        otherLiveChanges);
  }

  /** Whether changes of {@code className} are announced for LiveQuery. */
  private boolean live(String className) {
    return config.liveQueryClasses().contains(className);
  }

  /** The object as stored now (ACL and all), for LiveQuery's before-and-after; null if none. */
  private Future<JsonObject> current(ClassSchema schema, String objectId) {
    return storage.find(schema, byId(objectId), new FindOptions(java.util.List.of(), 1, 0, null,
        false)).map(found -> found.isEmpty() ? null : found.get(0));
  }

  /** The classes Parse Server has from its first start: {@code _Role} here. */
  public Future<Void> ensureSystemClasses() {
    return RoleRules.ensureClass(storage, schemas).mapEmpty();
  }

  /** @return {@code {"objectId","createdAt"}}; fails with 103, 105, 107, 111, 123 */
  public Future<JsonObject> create(ServiceRequest request) {
    String className = ClassNames.requireValidClassName(request.className());
    refuseCredentials(className);
    if (!ClassNames.INSTALLATION.equals(className)) {
      return insert(request, className);
    }
    return installations.beforeCreate(request.body(), request.auth()).compose(existing -> {
      if (existing == null) {
        return insert(request, className);
      }
      // note: the device registered before: Parse Server updates that installation (200)
      ServiceRequest merged = new ServiceRequest(request.requestId(), request.auth(), className,
          existing, request.params(), request.body());
      return updateObject(merged, className).map(updated -> updated
          .put(ParseFields.OBJECT_ID, existing).put(ParseFields.REPLY_STATUS, 200));
    });
  }

  private Future<JsonObject> insert(ServiceRequest request, String className) {
    JsonObject body = request.body();
    RoleRules.checkCreate(className, body);
    if (body.containsKey(ParseFields.OBJECT_ID)) {
      throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
          "objectId is an invalid field name.");
    }
    var types = WritePayload.inferTypes(body, false);
    String now = ParseDates.format(Instant.now());
    JsonObject object = body.copy();
    RelationChanges relations = RelationChanges.extract(object);
    String objectId = ObjectIds.newId(config.objectIdSize());
    JsonObject stored = WritePayload.applyOpsForCreate(object)
        .put(ParseFields.OBJECT_ID, objectId)
        .put(ParseFields.CREATED_AT, now)
        .put(ParseFields.UPDATED_AT, now);
    return principals.resolve(request.auth())
        .compose(policy -> schemas.find(className).map(existing -> {
          if (existing != null) {
            SpecialClasses.check(existing, "create", policy, QueryNode.matchAll());
            if (types.keySet().stream().anyMatch(f -> existing.field(f) == null)) {
              ClassPermissions.checkAddFieldOnCreate(existing, policy);
            }
          } else {
            SpecialClasses.checkNew(className, "create", policy);
            if (!policy.master() && !config.allowClientClassCreation()
                && !ClassNames.SYSTEM_CLASSES.contains(className)) {
              throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
                  "This user is not allowed to access non-existent class: %s", className);
            }
          }
          return policy;
        }))
        .compose(policy -> schemas.enforce(className, types))
        .compose(schema -> RoleRules.ensureUniqueNames(storage, schema))
        .compose(schema -> {
          JsonObject created = FieldOptions.forCreate(schema, stored);
          return storage.createObject(schema, created).onSuccess(v -> {
            if (live(className)) {
              liveChanges.accept(new ObjectChange(className, ObjectChange.CREATE, created,
                  null));
            }
          });
        })
        .compose(v -> relations.apply(storage, className, objectId))
        .onSuccess(v -> announceRoleChange(className))
        .map(v -> new JsonObject().put(ParseFields.OBJECT_ID, objectId)
            .put(ParseFields.CREATED_AT, now));
  }

  /** @return the object; fails with 101 when it (or its class) does not exist */
  public Future<JsonObject> get(ServiceRequest request) {
    String className = ClassNames.requireValidClassName(request.className());
    FindRequest find = FindRequest.fromParams(request.params(), -1, config.complexity());
    String objectId = requireObjectId(request.objectId());
    return schemas.find(className).compose(schema -> schema == null
            ? Future.succeededFuture(null) : principals.resolve(request.auth())
                .compose(policy -> reader.get(schema, objectId, find, policy)))
        .map(found -> {
          if (found == null) {
            throw notFound();
          }
          return found;
        });
  }

  /** @return {@code {"updatedAt"}} plus fields an operation changed; fails with 101, 105, 111 */
  public Future<JsonObject> update(ServiceRequest request) {
    String className = ClassNames.requireValidClassName(request.className());
    refuseCredentials(className);
    if (ClassNames.INSTALLATION.equals(className)) {
      return installations.beforeUpdate(requireObjectId(request.objectId()), request.body(),
          request.auth()).compose(v -> updateObject(request, className));
    }
    return updateObject(request, className);
  }

  private Future<JsonObject> updateObject(ServiceRequest request, String className) {
    JsonObject body = request.body().copy();
    ParseFields.SERVER_FIELDS.forEach(body::remove);
    RoleRules.checkUpdate(className, body);
    var types = WritePayload.inferTypes(body, true);
    RelationChanges relations = RelationChanges.extract(body);
    String now = ParseDates.format(Instant.now());
    body.put(ParseFields.UPDATED_AT, now);
    return schemas.find(className)
        .compose(existing -> existing == null ? Future.failedFuture(notFound())
            : principals.resolve(request.auth()).compose(policy -> {
              QueryNode target = SpecialClasses.check(existing, "update", policy,
                  byId(request.objectId()));
              checkAddField(existing, types.keySet(), policy);
              return schemas.enforce(className, types).compose(schema -> {
                FieldOptions.checkUpdate(schema, body);
                Future<JsonObject> before = live(className)
                    ? current(schema, request.objectId()) : Future.succeededFuture(null);
                return before.compose(original -> storage.updateObject(schema,
                    policy.writable(target), body).onSuccess(updated -> {
                      if (updated != null && live(className)) {
                        liveChanges.accept(new ObjectChange(className, ObjectChange.UPDATE,
                            updated, original));
                      }
                    }));
              });
            }))
        .compose(updated -> {
          if (updated == null) {
            return Future.failedFuture(notFound());
          }
          return relations.apply(storage, className, request.objectId())
              .onSuccess(v -> announceRoleChange(className))
              .map(v -> operationResults(body, updated).put(ParseFields.UPDATED_AT, now));
        });
  }

  /** @return {@code {}}; fails with 101 when the object does not exist */
  public Future<JsonObject> delete(ServiceRequest request) {
    String className = ClassNames.requireValidClassName(request.className());
    refuseCredentials(className);
    return schemas.find(className)
        .compose(schema -> schema == null ? Future.succeededFuture(false)
            : principals.resolve(request.auth()).compose(policy -> (live(className)
                ? current(schema, request.objectId()) : Future.<JsonObject>succeededFuture(null))
                .compose(original -> storage.deleteObject(schema, policy.writable(
                    SpecialClasses.check(schema, "delete", policy, byId(request.objectId()))))
                    .onSuccess(deleted -> {
                      if (deleted && original != null) {
                        liveChanges.accept(new ObjectChange(className, ObjectChange.DELETE,
                            original, null));
                      }
                    }))))
        .map(deleted -> {
          if (!deleted) {
            throw notFound();
          }
          announceRoleChange(className);
          return new JsonObject();
        });
  }

  /** @return {@code {"results":[...]}} and {@code "count"} when asked; fails with 102, 105, 107 */
  public Future<JsonObject> find(ServiceRequest request) {
    String className = ClassNames.requireValidClassName(request.className());
    FindRequest find = FindRequest.fromParams(request.params(), config.maxLimit(),
        config.complexity());
    if (find.options().explain() && !request.auth().master() && !request.auth().readOnlyMaster()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "Using the explain query parameter requires the master key");
    }
    return schemas.find(className).compose(schema -> schema == null
        ? Future.succeededFuture(emptyResult(find.options().count()))
        : principals.resolve(request.auth()).compose(policy -> reader.find(schema, find,
            policy)));
  }

  /** @return {@code {}} once every object of the class is gone; fails with 119 without master */
  public Future<JsonObject> purge(ServiceRequest request) {
    if (!request.auth().master()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required");
    }
    String className = ClassNames.requireValidClassName(request.className());
    return schemas.find(className).compose(schema -> schema == null
        ? Future.succeededFuture() : storage.purge(schema)).map(v -> new JsonObject());
  }

  /** Parse answers an update with the new value of every field an operation changed. */
  private static JsonObject operationResults(JsonObject body, JsonObject updated) {
    JsonObject changed = new JsonObject();
    body.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject op && op.containsKey(ParseFields.OP)
          && !"Delete".equals(op.getString(ParseFields.OP))) {
        changed.put(entry.getKey(), valueAt(updated, entry.getKey()));
      }
    });
    return changed;
  }

  private void announceRoleChange(String className) {
    if (ClassNames.ROLE.equals(className)) {
      rolesChanged.run();
    }
  }

  /** New fields need the class's addField permission (the master key always has it). */
  private static void checkAddField(ClassSchema schema, java.util.Set<String> fields,
      AccessPolicy policy) {
    if (fields.stream().anyMatch(f -> schema.field(f) == null)) {
      ClassPermissions.check(schema, "addField", policy, QueryNode.matchAll());
    }
  }

  /** Users and sessions are written by auth-service, which hashes passwords and mints tokens. */
  private static void refuseCredentials(String className) {
    if (ClassNames.USER.equals(className) || ClassNames.SESSION.equals(className)) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "%s objects are written through /users and /login.", className);
    }
  }

  /** A value by its (possibly dotted) key, as operations on nested keys report it. */
  private static Object valueAt(JsonObject object, String key) {
    Object current = object;
    for (String part : key.split("\\.")) {
      current = current instanceof JsonObject json ? json.getValue(part) : null;
    }
    return current;
  }

  private static JsonObject emptyResult(boolean withCount) {
    JsonObject response = new JsonObject().put("results", new JsonArray());
    return withCount ? response.put("count", 0) : response;
  }

  private static QueryNode byId(String objectId) {
    return new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ, requireObjectId(objectId));
  }

  private static String requireObjectId(String objectId) {
    if (objectId == null || objectId.isEmpty()) {
      throw new ParseException(ParseErrorCode.MISSING_OBJECT_ID, "objectId is required.");
    }
    return objectId;
  }

  private static ParseException notFound() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, OBJECT_NOT_FOUND);
  }
}
