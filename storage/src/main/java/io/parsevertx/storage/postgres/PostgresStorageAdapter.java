package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StorageAdapter} for PostgreSQL through the reactive Vert.x PostgreSQL client, in Parse
 * Server's PostgreSQL layout: a table per class with a typed column per field, {@code _SCHEMA}
 * with each schema as jsonb, {@code _Join:<field>:<Class>} tables for relations, the ACL as the
 * {@code _rperm}/{@code _wperm} text arrays.
 */
public final class PostgresStorageAdapter implements StorageAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStorageAdapter.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String UNDEFINED_TABLE = "42P01";
  private static final String DUPLICATE_TABLE = "42P07";
  /** What a CREATE TABLE IF NOT EXISTS racing another one may get for the table's row type. */
  private static final String DUPLICATE_OBJECT = "42710";

  /** Where statements go: the pool, or the one connection of a transaction. */
  private final SqlClient pool;
  /** The pool that transactions start from; null inside a transaction. */
  private final Pool transactions;
  private Future<Void> ready;
  private volatile PgExtensions extensions = PgExtensions.NONE;

  public PostgresStorageAdapter(Pool pool) {
    this.pool = pool;
    this.transactions = pool;
  }

  private PostgresStorageAdapter(SqlClient connection, PgExtensions extensions) {
    this.pool = connection;
    this.transactions = null;
    this.extensions = extensions;
    this.ready = Future.succeededFuture();
  }

  /** Statements that belong together: a transaction of their own, or the one already open. */
  private <T> Future<T> atomically(java.util.function.Function<SqlClient, Future<T>> work) {
    return transactions == null ? work.apply(pool) : transactions.withTransaction(work::apply);
  }

  @Override
  public <T> Future<T> inTransaction(java.util.function.Function<StorageAdapter, Future<T>> work) {
    if (transactions == null) {
      return work.apply(this);
    }
    return ready().compose(v -> transactions.withTransaction(connection -> work.apply(
        new PostgresStorageAdapter(connection, extensions))));
  }

  /** True for {@code postgres://} and {@code postgresql://} URIs. */
  public static boolean handles(String uri) {
    return uri != null && (uri.startsWith("postgres://") || uri.startsWith("postgresql://"));
  }

  /**
   * Connects a pool to {@code uri} ({@code postgres://user:password@host:port/database}).
   *
   * @param databaseOptions the {@code databaseOptions} option (pool size, timeouts, TLS), or
   *     null; see {@link PgSettings}
   * @throws io.parsevertx.common.options.OptionsException naming a wrong setting
   */
  public static PostgresStorageAdapter connect(Vertx vertx, String uri,
      JsonObject databaseOptions) {
    PgSettings settings = PgSettings.of(uri, databaseOptions);
    Pool pool = PgBuilder.pool().with(settings.pool()).connectingTo(settings.connect())
        .using(vertx).build();
    return new PostgresStorageAdapter(pool);
  }

  /** Checks {@code databaseURI} and {@code databaseOptions} without connecting. */
  public static void checkSettings(String uri, JsonObject databaseOptions) {
    PgSettings.of(uri, databaseOptions);
  }

  /**
   * {@code _SCHEMA} exists before the first statement that needs it; {@code unaccent} and
   * PostGIS are enabled where the server has them ({@link PgExtensions}).
   */
  private Future<Void> ready() {
    if (ready == null || ready.failed()) {
      ready = pool.query(PgSchemaTable.CREATE).execute().<Void>mapEmpty()
          // note: services starting together (or several pods) create it at the same moment
          .recover(e -> isState(e, DUPLICATE_TABLE) || isState(e, UNIQUE_VIOLATION)
              || isState(e, DUPLICATE_OBJECT) ? Future.succeededFuture() : Future.failedFuture(e))
          .compose(v -> PgExtensions.enable(pool))
          .map(found -> {
            extensions = found;
            LOG.info("event=postgres_extensions unaccent={} postgis={}", found.unaccent(),
                found.postgis());
            return null;
          });
    }
    return ready;
  }

  /** Whether geo queries run on PostGIS (else on PostgreSQL's built-in geometry). */
  public Future<Boolean> usesPostgis() {
    return ready().map(v -> extensions.postgis());
  }

  private PgWhere binder(ClassSchema schema) {
    return new PgWhere(schema, new ArrayList<>(), extensions);
  }

  private Future<RowSet<Row>> run(SqlClient client, String sql, List<Object> params) {
    return client.preparedQuery(sql).execute(Tuple.wrap(new ArrayList<>(params)));
  }

  @Override
  public Future<Void> ping() {
    return guard(() -> pool.query("SELECT 1").execute().mapEmpty());
  }

  @Override
  public Future<Map<String, ClassSchema>> loadSchemas() {
    return guard(() -> ready().compose(v -> pool.query(
        "SELECT \"className\", \"schema\" FROM \"_SCHEMA\"").execute()).map(rows -> {
          Map<String, ClassSchema> schemas = new LinkedHashMap<>();
          for (Row row : rows) {
            ClassSchema schema = schemaOf(row);
            schemas.put(schema.className(), schema);
          }
          return schemas;
        }));
  }

  private static ClassSchema schemaOf(Row row) {
    Object json = row.getValue("schema");
    return PgSchemaTable.fromJson(row.getString("className"), json instanceof JsonObject j ? j
        : new JsonObject(String.valueOf(json)));
  }

  @Override
  public Future<ClassSchema> getSchema(String className) {
    return guard(() -> ready().compose(v -> run(pool, "SELECT \"className\", \"schema\" FROM "
        + "\"_SCHEMA\" WHERE \"className\" = $1", List.of(className)))
        .map(rows -> rows.size() == 0 ? null : schemaOf(rows.iterator().next())));
  }

  private static String createTable(ClassSchema schema) {
    List<String> columns = new ArrayList<>();
    PgColumn.columnsOf(schema).values().forEach(column -> columns.add(column.quoted() + " "
        + column.kind().sqlType() + (ParseFields.OBJECT_ID.equals(column.name())
        ? " PRIMARY KEY" : "")));
    return "CREATE TABLE IF NOT EXISTS " + PgNames.quote(schema.className()) + " ("
        + String.join(", ", columns) + ")";
  }

  @Override
  public Future<Void> createClass(ClassSchema schema) {
    return guard(() -> ready().compose(v -> atomically(tx -> run(tx,
            "INSERT INTO \"_SCHEMA\" (\"className\", \"schema\", \"isParseClass\") "
                + "VALUES ($1, $2::jsonb, true)", List.of(schema.className(),
                PgSchemaTable.toJson(schema)))
        .compose(x -> tx.query(createTable(schema)).execute())
        .compose(x -> joinTables(tx, schema, schema.fields())))));
  }

  private Future<Void> joinTables(SqlClient client, ClassSchema schema,
      Map<String, SchemaField> fields) {
    Future<Void> done = Future.succeededFuture();
    for (Map.Entry<String, SchemaField> field : fields.entrySet()) {
      if (field.getValue().type() == FieldType.RELATION) {
        String join = PgNames.quote(PgNames.joinTable(field.getKey(), schema.className()));
        done = done.compose(v -> client.query("CREATE TABLE IF NOT EXISTS " + join
            + " (\"relatedId\" varChar(120), \"owningId\" varChar(120), "
            + "PRIMARY KEY(\"relatedId\", \"owningId\"))").execute().mapEmpty());
      }
    }
    return done;
  }

  @Override
  public Future<Void> addFieldsIfMissing(String className, Map<String, SchemaField> fields) {
    return guard(() -> ready().compose(v -> atomically(tx -> {
      ClassSchema withFields = ClassSchema.empty(className).withFields(fields);
      Future<Void> done = joinTables(tx, withFields, fields);
      for (Map.Entry<String, SchemaField> field : fields.entrySet()) {
        PgColumn column = PgColumn.of(withFields, field.getKey());
        if (column != null) {
          done = done.compose(x -> tx.query("ALTER TABLE " + PgNames.quote(className)
              + " ADD COLUMN IF NOT EXISTS " + column.quoted() + " "
              + column.kind().sqlType()).execute().mapEmpty());
        }
        done = done.compose(x -> run(tx, "UPDATE \"_SCHEMA\" SET \"schema\" = jsonb_set("
            + "\"schema\", ARRAY['fields', $2::text], $3::jsonb) WHERE \"className\" = $1 "
            + "AND NOT (\"schema\" -> 'fields') ? $2::text", List.of(className, field.getKey(),
            field.getValue().toJson())).mapEmpty());
      }
      return done;
    })));
  }

  /** Stores the schema, and gives every field it names a column (or join table). */
  @Override
  public Future<Void> updateSchema(ClassSchema schema) {
    return guard(() -> ready().compose(v -> atomically(tx -> {
      Future<Void> done = run(tx, "UPDATE \"_SCHEMA\" SET \"schema\" = $2::jsonb WHERE "
          + "\"className\" = $1", List.of(schema.className(), PgSchemaTable.toJson(schema)))
          .compose(x -> joinTables(tx, schema, schema.fields()));
      for (PgColumn column : PgColumn.columnsOf(schema).values()) {
        done = done.compose(x -> tx.query("ALTER TABLE " + PgNames.quote(schema.className())
            + " ADD COLUMN IF NOT EXISTS " + column.quoted() + " " + column.kind().sqlType())
            .execute().mapEmpty());
      }
      return done;
    })));
  }

  @Override
  public Future<Void> deleteFields(ClassSchema schema, List<String> fields) {
    Map<String, SchemaField> kept = new LinkedHashMap<>(schema.fields());
    fields.forEach(kept::remove);
    ClassSchema after = new ClassSchema(schema.className(), kept,
        schema.classLevelPermissions(), schema.indexes());
    return guard(() -> atomically(tx -> {
      Future<Void> done = run(tx, "UPDATE \"_SCHEMA\" SET \"schema\" = $2::jsonb WHERE "
          + "\"className\" = $1", List.of(schema.className(), PgSchemaTable.toJson(after)))
          .mapEmpty();
      for (String field : fields) {
        SchemaField type = schema.field(field);
        String drop = type != null && type.type() == FieldType.RELATION
            ? "DROP TABLE IF EXISTS " + PgNames.quote(PgNames.joinTable(field,
                schema.className()))
            : "ALTER TABLE " + PgNames.quote(schema.className()) + " DROP COLUMN IF EXISTS "
                + PgNames.quote(field);
        done = done.compose(x -> tx.query(drop).execute().mapEmpty());
      }
      return done;
    }));
  }

  @Override
  public Future<Void> deleteClass(ClassSchema schema) {
    return guard(() -> atomically(tx -> {
      Future<Void> done = tx.query("DROP TABLE IF EXISTS " + PgNames.quote(schema.className()))
          .execute().mapEmpty();
      for (Map.Entry<String, SchemaField> field : schema.fields().entrySet()) {
        if (field.getValue().type() == FieldType.RELATION) {
          done = done.compose(x -> tx.query("DROP TABLE IF EXISTS " + PgNames.quote(
              PgNames.joinTable(field.getKey(), schema.className()))).execute().mapEmpty());
        }
      }
      return done.compose(x -> run(tx, "DELETE FROM \"_SCHEMA\" WHERE \"className\" = $1",
          List.of(schema.className())).mapEmpty());
    }));
  }

  /**
   * Index names as Parse Server's PostgreSQL adapter gives them: an index named in the schema
   * keeps its name; a one-field unique index (usernames, role names, request ids) is
   * {@code <Class>_unique_<field>}, which also keeps such names apart across tables (PostgreSQL
   * names indexes per schema, not per table).
   */
  private static String indexName(String className, String name, JsonObject keys,
      boolean unique) {
    return unique && keys.size() == 1 ? className + "_unique_" + keys.fieldNames().iterator()
        .next() : name;
  }

  @Override
  public Future<Void> createIndex(ClassSchema schema, String name, JsonObject keys,
      boolean unique) {
    List<String> columns = new ArrayList<>();
    boolean text = false;
    for (Map.Entry<String, Object> key : keys) {
      PgColumn column = PgColumn.of(schema, key.getKey());
      if (column == null) {
        return Future.failedFuture(ParseException.of(ParseErrorCode.INVALID_QUERY,
            "Field %s does not exist, cannot create index.", key.getKey()));
      }
      if ("text".equals(key.getValue())) {
        text = true;
        columns.add("to_tsvector('english', COALESCE(" + column.quoted() + "::text, ''))");
      } else {
        columns.add(column.quoted() + (Integer.valueOf(-1).equals(key.getValue()) ? " DESC"
            : ""));
      }
    }
    String sql = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS "
        + PgNames.quote(indexName(schema.className(), name, keys, unique)) + " ON "
        + PgNames.quote(schema.className()) + (text ? " USING gin " : " ") + "("
        + String.join(", ", columns) + ")";
    return guard(() -> pool.query(sql).execute().mapEmpty());
  }

  @Override
  public Future<Void> dropIndex(String className, String name) {
    return guard(() -> pool.query("DROP INDEX IF EXISTS " + PgNames.quote(name)).execute()
        .mapEmpty());
  }

  @Override
  public Future<Void> createObject(ClassSchema schema, JsonObject object) {
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, Object> entry : object) {
      String field = entry.getKey();
      Object value = entry.getValue();
      if (value == null) {
        continue;
      }
      if (ParseFields.ACL.equals(field)) {
        JsonObject acl = (JsonObject) value;
        params.add(PgRows.readers(acl, "read"));
        columns.add(PgNames.quote(ParseFields.RPERM));
        values.add("$" + params.size() + "::text[]");
        params.add(PgRows.readers(acl, "write"));
        columns.add(PgNames.quote(ParseFields.WPERM));
        values.add("$" + params.size() + "::text[]");
        continue;
      }
      PgColumn column = PgColumn.of(schema, field);
      if (column == null) {
        continue; // note: relations live in join tables
      }
      params.add(PgValues.toSql(column, value));
      columns.add(column.quoted());
      values.add("$" + params.size() + "::" + column.kind().sqlType());
    }
    String sql = "INSERT INTO " + PgNames.quote(schema.className()) + " (" + String.join(", ",
        columns) + ") VALUES (" + String.join(", ", values) + ")";
    // note: server-kept classes (_GlobalConfig, _PushStatus, ...) get their table on first use,
    // without a _SCHEMA row, as Parse Server creates them
    return guard(() -> run(pool, sql, params).<Void>mapEmpty()
        .recover(e -> isState(e, UNDEFINED_TABLE) ? pool.query(createTable(schema)).execute()
            .compose(v -> run(pool, sql, params)).mapEmpty() : Future.failedFuture(e)));
  }

  /**
   * The columns a read returns, named one by one: a statement cached before a column was added
   * keeps its result shape (PostgreSQL refuses a cached {@code SELECT *} whose shape changed).
   */
  private static String columnList(ClassSchema schema) {
    return columnList(schema, null);
  }

  /** @param keys the {@code keys} asked for (top-level names count), or null for all */
  private static String columnList(ClassSchema schema, List<String> keys) {
    java.util.Set<String> wanted = null;
    if (keys != null) {
      wanted = new java.util.HashSet<>(List.of(ParseFields.OBJECT_ID, ParseFields.CREATED_AT,
          ParseFields.UPDATED_AT, ParseFields.RPERM, ParseFields.WPERM));
      for (String key : keys) {
        wanted.add(key.contains(".") ? key.substring(0, key.indexOf('.')) : key);
      }
    }
    List<String> names = new ArrayList<>();
    for (PgColumn column : PgColumn.columnsOf(schema).values()) {
      if (wanted == null || wanted.contains(column.name())) {
        names.add(column.quoted());
      }
    }
    return String.join(", ", names);
  }

  /** The one object matching {@code where}, re-checked by the statement that changes it. */
  private static String firstMatch(String table, String condition) {
    return condition + " AND \"objectId\" = (SELECT \"objectId\" FROM " + table + " WHERE "
        + condition + " LIMIT 1)";
  }

  @Override
  public Future<JsonObject> updateObject(ClassSchema schema, QueryNode where, JsonObject update) {
    return guard(() -> {
      PgWhere binder = binder(schema);
      String condition = binder.translate(where);
      String assignments = new PgUpdate(schema, binder).set(update);
      String table = PgNames.quote(schema.className());
      if (assignments.isEmpty()) {
        return run(pool, "SELECT " + columnList(schema) + " FROM " + table + " WHERE "
            + condition + " LIMIT 1", binder.params()).map(rows -> first(schema, rows));
      }
      return run(pool, "UPDATE " + table + " SET " + assignments + " WHERE "
          + firstMatch(table, condition) + " RETURNING " + columnList(schema), binder.params())
          .map(rows -> first(schema, rows))
          .recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture(null)
              : Future.failedFuture(e));
    });
  }

  private static JsonObject first(ClassSchema schema, RowSet<Row> rows) {
    return rows.size() == 0 ? null : PgRows.toParse(schema, rows.iterator().next());
  }

  @Override
  public Future<Boolean> deleteObject(ClassSchema schema, QueryNode where) {
    return guard(() -> {
      PgWhere binder = binder(schema);
      String table = PgNames.quote(schema.className());
      return run(pool, "DELETE FROM " + table + " WHERE " + firstMatch(table,
          binder.translate(where)), binder.params()).map(rows -> rows.rowCount() > 0);
    });
  }

  @Override
  public Future<List<JsonObject>> aggregate(ClassSchema schema, JsonArray pipeline) {
    return guard(() -> {
      Map<String, ClassSchema> lookups = new LinkedHashMap<>();
      Future<Void> loaded = Future.succeededFuture();
      for (String from : PgAggregation.lookedUp(pipeline)) {
        loaded = loaded.compose(v -> getSchema(from).map(found -> {
          if (found != null) {
            lookups.put(from, found);
          }
          return null;
        }));
      }
      return loaded.compose(v -> {
        PgAggregation aggregation = new PgAggregation(schema, lookups, extensions);
        String sql = aggregation.sql(pipeline);
        return run(pool, sql, aggregation.params());
      }).map(rows -> {
        List<JsonObject> results = new ArrayList<>();
        rows.forEach(row -> {
          Object doc = row.getValue(0);
          results.add(doc instanceof JsonObject json ? json : new JsonObject().put("value", doc));
        });
        return results;
      });
    });
  }

  @Override
  public Future<List<Object>> distinct(ClassSchema schema, String field, QueryNode where) {
    return guard(() -> {
      PgWhere binder = binder(schema);
      String condition = binder.translate(where);
      PgColumn column = PgColumn.of(schema, field);
      if (column == null) {
        return Future.succeededFuture(List.of());
      }
      return run(pool, "SELECT DISTINCT " + column.quoted() + " FROM "
          + PgNames.quote(schema.className()) + " WHERE " + condition + " AND "
          + column.quoted() + " IS NOT NULL", binder.params()).map(rows -> {
            List<Object> values = new ArrayList<>();
            rows.forEach(row -> values.add(PgValues.toParse(column, row.getValue(0))));
            return values;
          });
    });
  }

  @Override
  public Future<Void> purge(ClassSchema schema) {
    return guard(() -> pool.query("DELETE FROM " + PgNames.quote(schema.className())).execute()
        .<Void>mapEmpty().recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture()
            : Future.failedFuture(e)));
  }

  private record Select(String sql, List<Object> params) {}

  private Select select(ClassSchema schema, QueryNode where, FindOptions options,
      String what) {
    PgWhere binder = binder(schema);
    String condition = binder.translate(where);
    StringBuilder sql = new StringBuilder("SELECT ").append(what).append(" FROM ")
        .append(PgNames.quote(schema.className())).append(" WHERE ").append(condition);
    if (options != null) {
      sql.append(binder.orderBy(options.order()));
      if (options.limit() >= 0) {
        sql.append(" LIMIT ").append(binder.param((long) options.limit()));
      }
      if (options.skip() > 0) {
        sql.append(" OFFSET ").append(binder.param((long) options.skip()));
      }
    }
    return new Select(sql.toString(), binder.params());
  }

  @Override
  public Future<List<JsonObject>> find(ClassSchema schema, QueryNode where, FindOptions options) {
    return guard(() -> {
      return ready().compose(v -> {
        Select select = select(schema, where, options, columnList(schema, options.keys()));
        return run(pool, select.sql(), select.params());
      }).map(rows -> {
        List<JsonObject> objects = new ArrayList<>(rows.size());
        rows.forEach(row -> objects.add(PgRows.toParse(schema, row)));
        return objects;
      }).recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture(List.of())
          : Future.failedFuture(e));
    });
  }

  @Override
  public Future<JsonObject> explain(ClassSchema schema, QueryNode where, FindOptions options) {
    return guard(() -> {
      Select select = select(schema, where, options, columnList(schema));
      return run(pool, "EXPLAIN (FORMAT JSON) " + select.sql(), select.params())
          .map(rows -> {
            Object plan = rows.iterator().next().getValue(0);
            return new JsonObject().put("plan", plan instanceof JsonArray array ? array
                : new JsonArray(String.valueOf(plan)));
          });
    });
  }

  @Override
  public Future<Long> count(ClassSchema schema, QueryNode where) {
    return guard(() -> {
      return ready().compose(v -> {
        Select select = select(schema, where, null, "count(*)");
        return run(pool, select.sql(), select.params());
      }).map(rows -> rows.iterator().next().getLong(0))
          .recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture(0L)
              : Future.failedFuture(e));
    });
  }

  private static String join(String key, String ownerClass) {
    return PgNames.quote(PgNames.joinTable(key, ownerClass));
  }

  @Override
  public Future<Void> addRelation(String key, String ownerClass, String owningId,
      String relatedId) {
    String table = join(key, ownerClass);
    return guard(() -> pool.query("CREATE TABLE IF NOT EXISTS " + table + " (\"relatedId\" "
            + "varChar(120), \"owningId\" varChar(120), PRIMARY KEY(\"relatedId\", "
            + "\"owningId\"))").execute()
        .compose(v -> run(pool, "INSERT INTO " + table + " (\"relatedId\", \"owningId\") "
            + "VALUES ($1, $2) ON CONFLICT DO NOTHING", List.of(relatedId, owningId)))
        .mapEmpty());
  }

  @Override
  public Future<Void> removeRelation(String key, String ownerClass, String owningId,
      String relatedId) {
    return guard(() -> run(pool, "DELETE FROM " + join(key, ownerClass) + " WHERE "
        + "\"relatedId\" = $1 AND \"owningId\" = $2", List.of(relatedId, owningId))
        .<Void>mapEmpty().recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture()
            : Future.failedFuture(e)));
  }

  @Override
  public Future<List<String>> relatedIds(String key, String ownerClass, String owningId) {
    return guard(() -> run(pool, "SELECT \"relatedId\" FROM " + join(key, ownerClass)
        + " WHERE \"owningId\" = $1", List.of(owningId)).map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString(0)));
          return ids;
        }).recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture(List.<String>of())
            : Future.failedFuture(e)));
  }

  @Override
  public Future<List<String>> owningIds(String key, String ownerClass, List<String> relatedIds) {
    return guard(() -> run(pool, "SELECT DISTINCT \"owningId\" FROM " + join(key, ownerClass)
        + " WHERE \"relatedId\" = ANY($1::text[])", List.of((Object) relatedIds.toArray(
        String[]::new))).map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString(0)));
          return ids;
        }).recover(e -> isState(e, UNDEFINED_TABLE) ? Future.succeededFuture(List.<String>of())
            : Future.failedFuture(e)));
  }

  @Override
  public Future<Void> close() {
    return transactions == null ? Future.succeededFuture() : transactions.close();
  }

  private static boolean isState(Throwable e, String state) {
    return e instanceof PgException pg && state.equals(pg.getSqlState());
  }

  /**
   * A connection that could not be made or was lost (refused, reset, timed out, the server
   * shutting down): the pool reconnects by itself; meanwhile requests fail with 2.
   */
  private static boolean unreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException
          || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException
          || cause instanceof io.vertx.sqlclient.ClosedConnectionException
          || cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof io.netty.channel.ConnectTimeoutException
          || cause instanceof PgException pg && pg.getSqlState() != null
              && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))
          || cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /** Runs a statement, turning thrown and failed outcomes into Parse errors. */
  private static <T> Future<T> guard(Supplier<Future<T>> call) {
    try {
      return call.get().recover(PostgresStorageAdapter::translate);
    } catch (ParseException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      return translate(e);
    }
  }

  private static <T> Future<T> translate(Throwable e) {
    if (e instanceof ParseException) {
      return Future.failedFuture(e);
    }
    if (e instanceof io.vertx.core.VertxException && String.valueOf(e.getMessage())
        .contains("SSL handshake")) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
          "The TLS handshake with the database failed; check the ssl settings."));
    }
    if (unreachable(e)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
          "The database is unavailable; try again shortly."));
    }
    if (isState(e, UNIQUE_VIOLATION)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.DUPLICATE_VALUE,
          "A duplicate value for a field with unique values was provided"));
    }
    if (e instanceof PgException pg && pg.getSqlState() != null
        && pg.getSqlState().startsWith("2201B")) {
      return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_QUERY,
          "Invalid regular expression: " + pg.getErrorMessage()));
    }
    return Future.failedFuture(new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR,
        "Database error", e));
  }
}
