package io.parsevertx.bench;

import io.parsevertx.common.ParseHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/**
 * The few REST calls the bench makes against a Parse-compatible server, each carrying the
 * application id, the master key when one is given, and a JSON content type. The user calls
 * (sign-up, login, {@code /users/me}) go without the master key, as a client app sends them:
 * Parse Server treats a master-key request without an installation id as Cloud Code and answers
 * its sign-up with no session token. Answers of any status succeed; only a missing answer fails
 * the Future.
 */
public final class ParseClient {
  private static final String JSON = "application/json";

  private final WebClient client;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final String appId;
  private final String masterKey;
  private final long timeoutMs;

  /**
   * @param client a client whose pool allows the highest concurrency
   * @param url the server's base URL, e.g. {@code http://localhost:1337/parse}
   * @param appId sent as {@code X-Parse-Application-Id}
   * @param masterKey sent as {@code X-Parse-Master-Key}, or null to send none
   * @param timeoutMs how long one request may wait for its answer
   */
  public ParseClient(WebClient client, String url, String appId, String masterKey,
      long timeoutMs) {
    URI uri = URI.create(url);
    this.client = client;
    this.ssl = "https".equalsIgnoreCase(uri.getScheme());
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.appId = appId;
    this.masterKey = masterKey;
    this.timeoutMs = timeoutMs;
  }

  /** {@code POST /classes/:className}. */
  public Future<HttpResponse<Buffer>> create(String className, JsonObject body) {
    return request(HttpMethod.POST, classPath(className)).sendBuffer(body.toBuffer());
  }

  /** {@code POST /functions/:name}: a Cloud Code function. */
  public Future<HttpResponse<Buffer>> runFunction(String name, JsonObject params) {
    return request(HttpMethod.POST, basePath + "/functions/" + name)
        .sendBuffer(params.toBuffer());
  }

  /** {@code GET /classes/:className/:objectId}. */
  public Future<HttpResponse<Buffer>> get(String className, String objectId) {
    return request(HttpMethod.GET, classPath(className) + "/" + objectId).send();
  }

  /** {@code PUT /classes/:className/:objectId}. */
  public Future<HttpResponse<Buffer>> update(String className, String objectId, Buffer body) {
    return request(HttpMethod.PUT, classPath(className) + "/" + objectId).sendBuffer(body);
  }

  /**
   * {@code GET /classes/:className} with a query.
   *
   * @param where the encoded {@code where} JSON
   * @param limit the {@code limit} parameter
   * @param keys the {@code keys} parameter, or null for every field
   */
  public Future<HttpResponse<Buffer>> find(String className, String where, int limit,
      String keys) {
    HttpRequest<Buffer> request = request(HttpMethod.GET, classPath(className))
        .addQueryParam("where", where).addQueryParam("limit", Integer.toString(limit));
    if (keys != null) {
      request.addQueryParam("keys", keys);
    }
    return request.send();
  }

  /** {@code GET /classes/:className?count=1&limit=0} with a {@code where}. */
  public Future<HttpResponse<Buffer>> count(String className, String where) {
    return request(HttpMethod.GET, classPath(className)).addQueryParam("where", where)
        .addQueryParam("count", "1").addQueryParam("limit", "0").send();
  }

  /** {@code POST /users}: signs up a user with a username and a password. */
  public Future<HttpResponse<Buffer>> signUp(String username, String password) {
    return userRequest(HttpMethod.POST, basePath + "/users")
        .sendBuffer(credentials(username, password));
  }

  /** {@code POST /login} with the username and password in a JSON body. */
  public Future<HttpResponse<Buffer>> login(Buffer credentials) {
    return userRequest(HttpMethod.POST, basePath + "/login").sendBuffer(credentials);
  }

  /** {@code GET /users/me} as the user of that session token. */
  public Future<HttpResponse<Buffer>> me(String sessionToken) {
    return userRequest(HttpMethod.GET, basePath + "/users/me")
        .putHeader(ParseHeaders.SESSION_TOKEN, sessionToken).send();
  }

  /** The body {@code {"username": ..., "password": ...}} of a sign-up or a login. */
  public static Buffer credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password).toBuffer();
  }

  /** {@code GET /health} under the base path. */
  public Future<HttpResponse<Buffer>> health() {
    return request(HttpMethod.GET, basePath + "/health").send();
  }

  private String classPath(String className) {
    return basePath + "/classes/" + className;
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = userRequest(method, path);
    if (masterKey != null) {
      request.putHeader(ParseHeaders.MASTER_KEY, masterKey);
    }
    return request;
  }

  /** A request without the master key. */
  private HttpRequest<Buffer> userRequest(HttpMethod method, String path) {
    return client.request(method, port, host, path).ssl(ssl).timeout(timeoutMs)
        .putHeader(ParseHeaders.APPLICATION_ID, appId)
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), JSON);
  }
}
