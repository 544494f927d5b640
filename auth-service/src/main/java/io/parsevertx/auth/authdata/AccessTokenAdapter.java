package io.parsevertx.auth.authdata;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Providers that prove an identity by an access token the server asks the provider about:
 * Facebook ({@code GET <graphUrl>/me?fields=id}), GitHub ({@code GET <apiUrl>/user}) and any
 * OAuth2 server through token introspection (RFC 7662: {@code POST
 * tokenIntrospectionEndpointUrl}, {@code active} and the user id field checked). The answer's id
 * must be {@code authData.id}. Every endpoint is configurable, so tests serve them locally.
 */
public final class AccessTokenAdapter implements AuthDataAdapter {
  private enum Kind { FACEBOOK, GITHUB, OAUTH2 }

  private final Kind kind;
  private final String provider;
  private WebClient client;
  private JsonObject options;

  private AccessTokenAdapter(Kind kind, String provider) {
    this.kind = kind;
    this.provider = provider;
  }

  static AccessTokenAdapter facebook() {
    return new AccessTokenAdapter(Kind.FACEBOOK, "facebook");
  }

  static AccessTokenAdapter github() {
    return new AccessTokenAdapter(Kind.GITHUB, "github");
  }

  static AccessTokenAdapter oauth2(String provider) {
    return new AccessTokenAdapter(Kind.OAUTH2, provider);
  }

  @Override
  public void init(Vertx vertx, JsonObject options) {
    this.client = WebClient.create(vertx);
    this.options = options;
    if (kind == Kind.OAUTH2 && options.getString("tokenIntrospectionEndpointUrl") == null) {
      throw new OptionsException("Invalid option --auth: " + provider
          + " needs tokenIntrospectionEndpointUrl");
    }
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    if (!(authData.getValue("access_token") instanceof String token)
        || !(authData.getValue("id") instanceof String id)) {
      return Future.failedFuture(invalid());
    }
    return ask(token).recover(e -> Future.failedFuture(invalid())).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(invalid());
      }
      JsonObject answer = response.bodyAsJsonObject();
      if (kind == Kind.OAUTH2 && !Boolean.TRUE.equals(answer.getValue("active"))) {
        return Future.failedFuture(invalid());
      }
      String field = kind == Kind.OAUTH2 ? options.getString("useridField", "sub") : "id";
      return id.equals(String.valueOf(answer.getValue(field))) ? Future.succeededFuture()
          : Future.failedFuture(invalid());
    });
  }

  private Future<HttpResponse<Buffer>> ask(String token) {
    return switch (kind) {
      case FACEBOOK -> client.getAbs(options.getString("graphUrl",
              "https://graph.facebook.com/v2.5") + "/me")
          .addQueryParam("fields", "id").addQueryParam("access_token", token).send();
      case GITHUB -> client.getAbs(options.getString("apiUrl", "https://api.github.com")
              + "/user").putHeader("Authorization", "bearer " + token)
          .putHeader("User-Agent", "parse-vertx").send();
      case OAUTH2 -> {
        var request = client.postAbs(options.getString("tokenIntrospectionEndpointUrl"));
        if (options.getString("authorizationHeader") != null) {
          request.putHeader("Authorization", options.getString("authorizationHeader"));
        }
        yield request.sendForm(MultiMap.caseInsensitiveMultiMap().add("token", token));
      }
    };
  }

  private ParseException invalid() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
        provider + " auth is invalid for this user.");
  }
}
