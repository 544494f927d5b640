package io.parsevertx.common;

import java.util.List;

/**
 * Parse's HTTP header names, and the keys the JS SDK puts in a {@code text/plain} body in their
 * place.
 */
public final class ParseHeaders {
  public static final String APPLICATION_ID = "X-Parse-Application-Id";
  public static final String MASTER_KEY = "X-Parse-Master-Key";
  public static final String SESSION_TOKEN = "X-Parse-Session-Token";
  /** A JSON object the client hands to the app's triggers as {@code request.context}. */
  public static final String CLOUD_CONTEXT = "X-Parse-Cloud-Context";
  public static final String INSTALLATION_ID = "X-Parse-Installation-Id";
  /** The objectId of the {@code _PushStatus} a {@code POST /push} created. */
  public static final String PUSH_STATUS_ID = "X-Parse-Push-Status-Id";
  public static final String JOB_STATUS_ID = "X-Parse-Job-Status-Id";
  public static final String CLIENT_KEY = "X-Parse-Client-Key";
  public static final String JAVASCRIPT_KEY = "X-Parse-Javascript-Key";
  public static final String REST_API_KEY = "X-Parse-REST-API-Key";
  public static final String WINDOWS_KEY = "X-Parse-Windows-Key";
  public static final String CLIENT_VERSION = "X-Parse-Client-Version";
  public static final String REVOCABLE_SESSION = "X-Parse-Revocable-Session";
  public static final String PARSE_REQUEST_ID = "X-Parse-Request-Id";
  public static final String REQUESTED_WITH = "X-Requested-With";
  /** Our request id, echoed on every response and written on every log line. */
  public static final String REQUEST_ID = "X-Request-Id";

  /** Headers a browser may send cross-origin, as Parse Server allows them. */
  public static final List<String> CORS_ALLOWED = List.of(
      APPLICATION_ID, MASTER_KEY, SESSION_TOKEN, INSTALLATION_ID, CLIENT_KEY, JAVASCRIPT_KEY,
      REST_API_KEY, WINDOWS_KEY, CLIENT_VERSION, REVOCABLE_SESSION, PARSE_REQUEST_ID,
      REQUESTED_WITH, "Content-Type", "Pragma", "Cache-Control");

  /** Headers a browser may read from a cross-origin response. */
  public static final List<String> CORS_EXPOSED =
      List.of(JOB_STATUS_ID, ParseHeaders.PUSH_STATUS_ID, REQUEST_ID);

  /** Body keys of the JS SDK's {@code text/plain} requests. */
  public static final class Body {
    public static final String APPLICATION_ID = "_ApplicationId";
    public static final String JAVASCRIPT_KEY = "_JavaScriptKey";
    public static final String CLIENT_KEY = "_ClientKey";
    public static final String MASTER_KEY = "_MasterKey";
    public static final String SESSION_TOKEN = "_SessionToken";
    public static final String INSTALLATION_ID = "_InstallationId";
    public static final String METHOD = "_method";
    public static final String CLIENT_VERSION = "_ClientVersion";
    public static final String CONTEXT = "_context";
    public static final String REVOCABLE_SESSION = "_RevocableSession";

    /** Every envelope key, removed from the body before it reaches a service. */
    public static final List<String> ALL = List.of(APPLICATION_ID, JAVASCRIPT_KEY, CLIENT_KEY,
        MASTER_KEY, SESSION_TOKEN, INSTALLATION_ID, METHOD, CLIENT_VERSION, CONTEXT,
        REVOCABLE_SESSION);

    private Body() {}
  }

  private ParseHeaders() {}
}
