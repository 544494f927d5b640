package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of request that may stand inside {@code POST /batch}: its method, its path (with
 * groups for the class name and object id), the service call that answers it, and, for
 * object requests that data-service can run inside a transaction, their {@code kind}
 * ({@code create}, {@code get}, {@code find}, {@code update}, {@code delete}).
 */
record BatchOperation(HttpMethod method, Pattern path, UnaryOperator<ServiceRequest> prepare,
    Function<ServiceRequest, Future<JsonObject>> call, String kind) {

  static BatchOperation of(HttpMethod method, String regex,
      Function<ServiceRequest, Future<JsonObject>> call) {
    return new BatchOperation(method, Pattern.compile(regex), UnaryOperator.identity(), call,
        null);
  }

  /** An object request that may also run inside a transaction, as {@code kind}. */
  static BatchOperation objects(HttpMethod method, String regex, String kind,
      UnaryOperator<ServiceRequest> prepare, Function<ServiceRequest, Future<JsonObject>> call) {
    return new BatchOperation(method, Pattern.compile(regex), prepare, call, kind);
  }

  /** The request for {@code path}, or null when this operation does not serve it. */
  ServiceRequest match(HttpMethod requested, String requestedPath, ParseRequest batch,
      JsonObject body) {
    if (requested != method) {
      return null;
    }
    Matcher m = path.matcher(requestedPath);
    if (!m.matches()) {
      return null;
    }
    String className = m.groupCount() >= 1 ? m.group(1) : null;
    String objectId = m.groupCount() >= 2 ? m.group(2) : null;
    boolean isRead = method == HttpMethod.GET;
    // note: a GET inside a batch carries its query parameters as its body
    return prepare.apply(new ServiceRequest(batch.requestId(), batch.auth(), className, objectId,
        isRead ? body : new JsonObject(), isRead ? new JsonObject() : body));
  }
}
