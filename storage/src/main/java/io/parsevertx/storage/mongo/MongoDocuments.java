package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Whole objects between Parse's JSON encoding and Parse Server's MongoDB document layout
 * ({@code _id}, {@code _created_at}, {@code _p_<pointer>}, {@code _rperm}/{@code _wperm}/
 * {@code _acl}), so a database written by either server reads the same in the other.
 */
final class MongoDocuments {
  private static final String READ = "read";
  private static final String WRITE = "write";

  private MongoDocuments() {}

  /** A new object's stored document. */
  static JsonObject toMongo(ClassSchema schema, JsonObject object) {
    JsonObject doc = new JsonObject();
    for (Map.Entry<String, Object> entry : object) {
      String field = entry.getKey();
      Object value = entry.getValue();
      switch (field) {
        case ParseFields.OBJECT_ID -> doc.put(MongoFieldNames.ID, value);
        case ParseFields.CREATED_AT, ParseFields.UPDATED_AT -> doc.put(
            MongoFieldNames.toMongo(schema, field), MongoValues.mongoDate(ParseDates.parse(
                value instanceof JsonObject date ? date.getString(ParseFields.ISO)
                    : String.valueOf(value))));
        case ParseFields.ACL -> putAcl(doc, (JsonObject) value);
        case AUTH_DATA -> putAuthData(doc, value);
        default -> {
          if (!isRelation(schema, field)) {
            doc.put(MongoFieldNames.toMongo(schema, field), MongoValues.toMongo(value));
          }
        }
      }
    }
    return doc;
  }

  /** A stored document back to the Parse object clients see (File values without url). */
  static JsonObject toParse(ClassSchema schema, JsonObject doc) {
    JsonObject object = fieldsToParse(schema, doc);
    schema.fields().forEach((name, field) -> {
      if (field.type() == FieldType.RELATION) {
        object.put(name, new JsonObject().put(ParseFields.TYPE, ParseType.RELATION.wireName())
            .put(ParseFields.CLASS_NAME, field.targetClass()));
      }
    });
    return object;
  }

  /** An aggregation result: stored names and values mapped back, nothing added. */
  static JsonObject fieldsToParse(ClassSchema schema, JsonObject doc) {
    JsonObject object = new JsonObject();
    for (Map.Entry<String, Object> entry : doc) {
      String key = entry.getKey();
      Object value = entry.getValue();
      switch (key) {
        case MongoFieldNames.ID -> object.put(ParseFields.OBJECT_ID, value);
        case MongoFieldNames.CREATED_AT -> object.put(ParseFields.CREATED_AT,
            ParseDates.format(MongoValues.instantOf(value)));
        case MongoFieldNames.UPDATED_AT -> object.put(ParseFields.UPDATED_AT,
            ParseDates.format(MongoValues.instantOf(value)));
        case MongoFieldNames.ACL -> object.put(ParseFields.ACL, aclToParse((JsonObject) value));
        default -> putField(schema, object, key, value);
      }
    }
    return object;
  }

  private static final String AUTH_DATA = "authData";

  /** Parse Server keeps each provider's data in its own {@code _auth_data_<provider>} field. */
  static void putAuthData(JsonObject doc, Object value) {
    if (value instanceof JsonObject providers) {
      providers.forEach(e -> doc.put(MongoFieldNames.AUTH_DATA_PREFIX + e.getKey(),
          MongoValues.interiorToMongo(e.getValue())));
    }
  }

  private static void putField(ClassSchema schema, JsonObject object, String key, Object value) {
    if (MongoFieldNames.SESSION_TOKEN.equals(key)) {
      object.put("sessionToken", value);
      return;
    }
    if (key.startsWith(MongoFieldNames.AUTH_DATA_PREFIX)) {
      if (value != null) {
        JsonObject authData = object.getJsonObject(AUTH_DATA);
        if (authData == null) {
          authData = new JsonObject();
          object.put(AUTH_DATA, authData);
        }
        authData.put(key.substring(MongoFieldNames.AUTH_DATA_PREFIX.length()),
            MongoValues.interiorToParse(value));
      }
      return;
    }
    if (MongoFieldNames.INTERNAL_FIELDS.contains(key)) {
      object.put(key, MongoValues.interiorToParse(value));
      return;
    }
    if (key.startsWith(MongoFieldNames.POINTER_PREFIX)) {
      String field = key.substring(MongoFieldNames.POINTER_PREFIX.length());
      if (value instanceof String stored && stored.indexOf('$') > 0) {
        object.put(field, new JsonObject().put(ParseFields.TYPE, ParseType.POINTER.wireName())
            .put(ParseFields.CLASS_NAME, stored.substring(0, stored.indexOf('$')))
            .put(ParseFields.OBJECT_ID, stored.substring(stored.indexOf('$') + 1)));
      }
      return;
    }
    if (key.startsWith("_")) {
      return; // note: internal fields (_rperm, _hashed_password, tokens) never reach clients
    }
    SchemaField field = schema.field(key);
    FieldType type = field == null ? null : field.type();
    if (value == null || type == null) {
      object.put(key, MongoValues.interiorToParse(value));
      return;
    }
    object.put(key, switch (type) {
      case DATE -> ParseDates.toJson(MongoValues.instantOf(value));
      case GEO_POINT -> value instanceof JsonArray lngLat ? MongoValues.geoPointToParse(lngLat)
          : value;
      case FILE -> new JsonObject().put(ParseFields.TYPE, ParseType.FILE.wireName())
          .put(ParseFields.NAME, value);
      case BYTES -> value instanceof JsonObject binary ? MongoValues.bytesToParse(binary) : value;
      case POLYGON -> value instanceof JsonObject geoJson ? MongoValues.polygonToParse(geoJson)
          : value;
      default -> MongoValues.interiorToParse(value);
    });
  }

  /** Writes {@code _rperm}, {@code _wperm} and {@code _acl} for a Parse ACL. */
  static void putAcl(JsonObject doc, JsonObject acl) {
    JsonArray readers = new JsonArray();
    JsonArray writers = new JsonArray();
    JsonObject stored = new JsonObject();
    if (acl != null) {
      for (Map.Entry<String, Object> entry : acl) {
        JsonObject perms = (JsonObject) entry.getValue();
        JsonObject short_ = new JsonObject();
        if (perms.getBoolean(READ, false)) {
          readers.add(entry.getKey());
          short_.put("r", true);
        }
        if (perms.getBoolean(WRITE, false)) {
          writers.add(entry.getKey());
          short_.put("w", true);
        }
        stored.put(entry.getKey(), short_);
      }
    }
    doc.put(ParseFields.RPERM, readers).put(ParseFields.WPERM, writers)
        .put(MongoFieldNames.ACL, stored);
  }

  private static JsonObject aclToParse(JsonObject stored) {
    JsonObject acl = new JsonObject();
    for (Map.Entry<String, Object> entry : stored) {
      JsonObject perms = (JsonObject) entry.getValue();
      JsonObject out = new JsonObject();
      if (perms.getBoolean("r", false)) {
        out.put(READ, true);
      }
      if (perms.getBoolean("w", false)) {
        out.put(WRITE, true);
      }
      acl.put(entry.getKey(), out);
    }
    return acl;
  }

  private static boolean isRelation(ClassSchema schema, String field) {
    SchemaField type = schema.field(field);
    return type != null && type.type() == FieldType.RELATION;
  }
}
