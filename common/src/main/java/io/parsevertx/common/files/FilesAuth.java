package io.parsevertx.common.files;

import io.parsevertx.common.security.DerivedKeys;

/**
 * How the gateway vouches for a file request to files-service: it checks the keys and the
 * session itself and sends who is calling as a short-lived HS256 token in
 * {@link #HEADER}; files-service trusts nothing else. The key is derived from the master key,
 * which both have, so the token reveals nothing of it.
 */
public final class FilesAuth {
  public static final String HEADER = "X-Parse-Files-Auth";
  public static final String MASTER = "master";
  public static final String USER_ID = "uid";
  public static final String REQUEST_ID = "rid";
  /** Seconds a token is good for: one request's journey from the gateway. */
  public static final int TTL_SECONDS = 60;

  private FilesAuth() {}

  /** The HS256 secret both sides derive from the master key. */
  public static String key(String masterKey) {
    return DerivedKeys.base64("parse-files-auth", masterKey);
  }
}
