package io.parsevertx.common;

import java.util.Set;

/** Reserved field names of Parse objects and of Parse's JSON type encoding. */
public final class ParseFields {
  public static final String OBJECT_ID = "objectId";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String ACL = "ACL";
  public static final String CLASS_NAME = "className";

  /** Keys of Parse's typed JSON values ({"__type": "Date", "iso": ...}). */
  public static final String TYPE = "__type";
  public static final String OP = "__op";
  public static final String ISO = "iso";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";
  public static final String COORDINATES = "coordinates";
  public static final String BASE64 = "base64";
  public static final String NAME = "name";
  public static final String URL = "url";

  /**
   * A reply field a service may add to choose the HTTP status (e.g. 200 instead of 201 when a
   * sign-up with authData logs an existing user in); the gateway removes it.
   */
  public static final String REPLY_STATUS = "__status";

  /** Permission fields stored beside every object in the database. */
  public static final String RPERM = "_rperm";
  public static final String WPERM = "_wperm";

  /** Fields every class has and clients may not define themselves. */
  public static final Set<String> DEFAULT_FIELDS = Set.of(OBJECT_ID, CREATED_AT, UPDATED_AT, ACL);

  /** Fields the server sets; a client writing them is ignored or refused. */
  public static final Set<String> SERVER_FIELDS = Set.of(OBJECT_ID, CREATED_AT, UPDATED_AT);

  private ParseFields() {}
}
