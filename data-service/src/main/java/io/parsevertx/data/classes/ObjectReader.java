package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.data.query.IncludePaths;
import io.parsevertx.data.query.IncludeResolver;
import io.parsevertx.data.query.QueryResolver;
import io.parsevertx.data.query.ResultShaper;
import io.parsevertx.common.security.SensitiveFields;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.common.security.ProtectedFields;
import io.parsevertx.data.security.SpecialClasses;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The read path of {@code /classes}: resolve sub-queries, run the query (and count), include
 * pointed-to objects, shape keys, add file URLs.
 */
final class ObjectReader {
  private final StorageAdapter storage;
  private final QueryResolver resolver;
  private final IncludeResolver includes;
  private final FileUrls fileUrls;
  private final JsonObject protectedFields;
  private final SensitiveFields sensitiveFields;

  ObjectReader(StorageAdapter storage, QueryResolver resolver, IncludeResolver includes,
      FileUrls fileUrls, JsonObject protectedFields, SensitiveFields sensitiveFields) {
    this.sensitiveFields = sensitiveFields;
    this.storage = storage;
    this.resolver = resolver;
    this.includes = includes;
    this.fileUrls = fileUrls;
    this.protectedFields = protectedFields;
  }

  /** @return {@code {"results":[...]}} and {@code "count"} when asked for */
  Future<JsonObject> find(ClassSchema schema, FindRequest find, AccessPolicy policy) {
    IncludePaths paths = find.include();
    ProtectedFields.refuseProbing(schema, find.where(), find.options().order(),
        ProtectedFields.forCaller(schema, policy, protectedFields));
    // note: a pure count (limit=0) needs only the count permission, as in Parse Server
    boolean countOnly = find.options().count() && find.options().limit() == 0;
    QueryNode allowed = countOnly ? find.where()
        : SpecialClasses.check(schema, "find", policy, find.where());
    if (find.options().count()) {
      allowed = SpecialClasses.check(schema, "count", policy, allowed);
    }
    return resolver.resolve(schema, allowed, policy)
        .map(where -> SpecialClasses.readable(schema, policy, where))
        .compose(where -> {
      FindOptions options = find.options();
      if (options.explain()) {
        return storage.explain(schema, where, options)
            .map(plan -> new JsonObject().put("results", plan));
      }
      Future<List<JsonObject>> results = options.limit() == 0
          ? Future.succeededFuture(List.of())
          : storage.find(schema, where, options)
              .compose(found -> shape(schema, found, paths, find, policy));
      Future<Long> count = options.count()
          ? storage.count(schema, where) : Future.succeededFuture(null);
      return Future.all(results, count).map(done -> {
        JsonObject response = new JsonObject().put("results", new JsonArray(
            new java.util.ArrayList<>(results.result())));
        if (count.result() != null) {
          response.put("count", count.result());
        }
        return response;
      });
    });
  }

  /** @return the object with this id, or null */
  Future<JsonObject> get(ClassSchema schema, String objectId, FindRequest find,
      AccessPolicy policy) {
    IncludePaths paths = find.include();
    FindOptions one = new FindOptions(List.of(), 1, 0, find.options().keys(), false);
    QueryNode byId = SpecialClasses.readable(schema, policy, ClassNames.INSTALLATION.equals(
        schema.className()) ? new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ,
        objectId) : SpecialClasses.check(schema, "get", policy, new QueryNode.Constraint(
        ParseFields.OBJECT_ID, QueryOp.EQ, objectId)));
    return storage.find(schema, byId, one)
        .compose(found -> shape(schema, found, paths, find, policy))
        .map(found -> found.isEmpty() ? null : found.get(0));
  }

  private Future<List<JsonObject>> shape(ClassSchema schema, List<JsonObject> found,
      IncludePaths paths, FindRequest find, AccessPolicy policy) {
    ProtectedFields.Hidden hidden = ProtectedFields.forCaller(schema, policy, protectedFields);
    return includes.include(found, paths, policy).map(v -> {
      for (JsonObject object : found) {
        ProtectedFields.strip(schema, object, hidden, policy);
        sensitiveFields.strip(schema.className(), object, policy.master());
        ResultShaper.selectKeys(object, find.options().keys());
        ResultShaper.excludeKeys(object, find.excludeKeys());
        fileUrls.addTo(object);
      }
      return found;
    });
  }
}
