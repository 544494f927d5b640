package io.parsevertx.common.auth;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What replies show of a user's stored {@code authData}, provider by provider, built from the
 * {@code auth} option the same way in every service: MFA shows its status, passkeys their ids,
 * a custom {@code module} whatever its {@link AuthDataAdapter#afterFind} returns; other
 * providers show what they stored (tokens never are).
 */
public final class AuthDataViews {
  private static final AuthDataViews BUILT_IN = new AuthDataViews(builtIn());

  private final Map<String, UnaryOperator<JsonObject>> views;

  private AuthDataViews(Map<String, UnaryOperator<JsonObject>> views) {
    this.views = views;
  }

  /** @param auth the {@code auth} option; null for none */
  public static AuthDataViews fromOptions(JsonObject auth) {
    if (auth == null) {
      return BUILT_IN;
    }
    Map<String, UnaryOperator<JsonObject>> views = builtIn();
    auth.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject options
          && options.getValue("module") instanceof String module) {
        views.put(entry.getKey(), moduleView(module));
      }
    });
    return new AuthDataViews(views);
  }

  private static Map<String, UnaryOperator<JsonObject>> builtIn() {
    Map<String, UnaryOperator<JsonObject>> views = new HashMap<>();
    views.put(MfaData.PROVIDER, MfaData::visible);
    views.put(WebAuthnData.PROVIDER, WebAuthnData::visible);
    return views;
  }

  private static UnaryOperator<JsonObject> moduleView(String module) {
    try {
      if (Class.forName(module).getDeclaredConstructor().newInstance()
          instanceof AuthDataAdapter adapter) {
        return adapter::afterFind;
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // note: auth-service refuses such a module at start; until then show nothing of it
    }
    return stored -> new JsonObject();
  }

  /** Replaces each provider's stored data in {@code authData} by what clients may see. */
  public JsonObject apply(JsonObject authData) {
    for (String provider : java.util.List.copyOf(authData.fieldNames())) {
      UnaryOperator<JsonObject> view = views.get(provider);
      if (view != null) {
        authData.put(provider, view.apply(authData.getValue(provider) instanceof JsonObject json
            ? json : new JsonObject()));
      }
    }
    return authData;
  }
}
