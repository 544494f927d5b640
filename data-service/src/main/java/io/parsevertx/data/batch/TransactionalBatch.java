package io.parsevertx.data.batch;

import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.functions.TriggeredClasses;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.parsevertx.common.livequery.ObjectChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code POST /batch} with {@code "transaction": true}: the requests run one after another in
 * one database transaction, schema changes included, and either all of them take effect or,
 * when one fails, none does and the batch fails with that request's error. Caches elsewhere
 * hear of schema and role changes only once the transaction committed.
 *
 * <p>With the app's triggers ({@link #withTriggers}): each write's beforeSave or beforeDelete
 * runs inside the transaction, just before the write (seeing what the earlier requests wrote);
 * a refusal fails the whole batch with the handler's error. afterSave and afterDelete run only
 * once the transaction committed. Finds and gets run beforeFind and afterFind.
 */
public final class TransactionalBatch {
  public static final String OPERATIONS = "operations";
  public static final String KIND = "kind";
  public static final String REQUEST = "request";

  private final StorageAdapter storage;
  private final ClassesService classes;
  private final Consumer<String> schemaChanged;
  private final Runnable rolesChanged;
  private final Consumer<ObjectChange> liveChanges;
  private final TriggeredClasses triggers;

  /**
   * @param schemaChanged publishes a committed schema change of a class
   * @param rolesChanged publishes a committed change of {@code _Role}
   * @param liveChanges publishes a committed object change for LiveQuery
   */
  public TransactionalBatch(StorageAdapter storage, ClassesService classes,
      Consumer<String> schemaChanged, Runnable rolesChanged,
      Consumer<ObjectChange> liveChanges) {
    this(storage, classes, schemaChanged, rolesChanged, liveChanges, null);
  }

  private TransactionalBatch(StorageAdapter storage, ClassesService classes,
      Consumer<String> schemaChanged, Runnable rolesChanged,
      Consumer<ObjectChange> liveChanges, TriggeredClasses triggers) {
    this.triggers = triggers;
    this.liveChanges = liveChanges;
    this.storage = storage;
    this.classes = classes;
    this.schemaChanged = schemaChanged;
    this.rolesChanged = rolesChanged;
  }

  /** The same batch with the app's triggers (cloud code and webhooks) around its requests. */
  public TransactionalBatch withTriggers(TriggeredClasses triggers) {
    return new TransactionalBatch(storage, classes, schemaChanged, rolesChanged, liveChanges,
        triggers);
  }

  /**
   * @param request {@code body.operations}: {@code [{"kind": "create|update|delete|get|find",
   *     "request": <ServiceRequest JSON>}]}
   * @return {@code {"results": [{"success": ...}, ...]}}
   */
  public Future<JsonObject> run(ServiceRequest request) {
    if (!(request.body().getValue(OPERATIONS) instanceof JsonArray operations)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "operations must be an array");
    }
    Set<String> changedClasses = new LinkedHashSet<>();
    boolean[] rolesTouched = {false};
    List<ObjectChange> objectChanges = new ArrayList<>();
    List<Runnable> afterCommit = new ArrayList<>();
    return storage.inTransaction(tx -> {
      ClassesService inTx = classes.over(tx, new SchemaController(tx, changedClasses::add),
          () -> rolesTouched[0] = true, objectChanges::add);
      JsonArray results = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (Object item : operations) {
        chain = chain.compose(v -> call(inTx, (JsonObject) item, afterCommit)
            .map(result -> {
              results.add(new JsonObject().put("success", result));
              return null;
            }));
      }
      return chain.map(v -> new JsonObject().put("results", results));
    }).onSuccess(done -> {
      changedClasses.forEach(schemaChanged);
      objectChanges.forEach(liveChanges);
      if (rolesTouched[0]) {
        rolesChanged.run();
      }
      afterCommit.forEach(Runnable::run);
    });
  }

  private Future<JsonObject> call(ClassesService classes, JsonObject operation,
      List<Runnable> afterCommit) {
    ServiceRequest request = ServiceRequest.fromJson(operation.getJsonObject(REQUEST));
    String kind = operation.getString(KIND, "");
    if (triggers == null) {
      return apply(classes, kind, request);
    }
    return switch (kind) {
      case TriggeredClasses.CREATE, TriggeredClasses.UPDATE, TriggeredClasses.DELETE ->
          triggers.prepare(kind, request, classes).compose(write ->
              apply(classes, kind, write.request()).onSuccess(reply ->
                  afterCommit.add(() -> write.after().accept(reply))));
      case "get" -> triggers.get(request, classes);
      case "find" -> triggers.find(request, classes);
      default -> apply(classes, kind, request);
    };
  }

  private static Future<JsonObject> apply(ClassesService classes, String kind,
      ServiceRequest request) {
    return switch (kind) {
      case "create" -> classes.create(request);
      case "update" -> classes.update(request);
      case "delete" -> classes.delete(request);
      case "get" -> classes.get(request);
      case "find" -> classes.find(request);
      default -> Future.failedFuture(new ParseException(ParseErrorCode.COMMAND_UNAVAILABLE,
          "This request cannot run inside a batch transaction."));
    };
  }
}
