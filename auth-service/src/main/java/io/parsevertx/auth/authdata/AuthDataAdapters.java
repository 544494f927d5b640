package io.parsevertx.auth.authdata;

import io.parsevertx.auth.webauthn.WebAuthnAdapter;
import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.auth.AuthDataViews;
import io.parsevertx.common.auth.WebAuthnData;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The providers this server accepts in {@code authData}: {@code anonymous} (unless
 * {@code enableAnonymousUsers} is off) and each one configured under the {@code auth} option:
 * {@code google}, {@code apple}, {@code facebook}, {@code github}, {@code webauthn} (passkeys),
 * {@code webhook}, any OAuth2 server with
 * {@code "oauth2": true}, or a custom {@code "module"}. Anything else is refused with 252.
 */
public final class AuthDataAdapters {
  private final Map<String, AuthDataAdapter> adapters;
  private final Map<String, AuthDataAdapter.Policy> policies;
  private final List<String> additional;
  private final AuthDataViews views;

  private AuthDataAdapters(Map<String, AuthDataAdapter> adapters,
      Map<String, AuthDataAdapter.Policy> policies, AuthDataViews views) {
    this.adapters = adapters;
    this.views = views;
    this.policies = policies;
    this.additional = policies.entrySet().stream()
        .filter(e -> e.getValue() == AuthDataAdapter.Policy.ADDITIONAL).map(Map.Entry::getKey)
        .sorted().toList();
  }

  public AuthDataAdapter.Policy policyOf(String provider) {
    return policies.getOrDefault(provider, AuthDataAdapter.Policy.DEFAULT);
  }

  /** The providers that are asked for after the first factor, once a user linked them. */
  public List<String> additional() {
    return additional;
  }

  /** What replies show of stored authData, provider by provider. */
  public AuthDataViews views() {
    return views;
  }

  /**
   * @param serverSecret key material for what adapters sign (the master key)
   * @throws OptionsException naming a provider whose options are wrong
   */
  public static AuthDataAdapters create(Vertx vertx, JsonObject auth, boolean anonymous,
      String serverSecret) {
    Map<String, AuthDataAdapter> adapters = new HashMap<>();
    Map<String, AuthDataAdapter.Policy> policies = new HashMap<>();
    if (anonymous) {
      adapters.put("anonymous", authData -> Future.succeededFuture());
    }
    if (auth != null) {
      auth.forEach(entry -> {
        if ("mfa".equals(entry.getKey())) {
          return; // note: a second factor, never a way to log in alone (see TotpMfa)
        }
        JsonObject options = entry.getValue() instanceof JsonObject json ? json
            : new JsonObject();
        AuthDataAdapter adapter = adapterFor(entry.getKey(), options, serverSecret);
        adapter.init(vertx, options);
        adapters.put(entry.getKey(), adapter);
        policies.put(entry.getKey(), policy(entry.getKey(), options, adapter));
      });
    }
    return new AuthDataAdapters(adapters, policies, AuthDataViews.fromOptions(auth));
  }

  private static AuthDataAdapter.Policy policy(String provider, JsonObject options,
      AuthDataAdapter adapter) {
    Object configured = options.getValue("policy");
    if (configured == null) {
      return adapter.policy();
    }
    try {
      return AuthDataAdapter.Policy.valueOf(String.valueOf(configured).toUpperCase(
          Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid option --auth: " + provider + ".policy must be "
          + "default, solo or additional");
    }
  }

  /** @throws ParseException 252 for a provider that is not enabled */
  public AuthDataAdapter get(String provider) {
    AuthDataAdapter adapter = adapters.get(provider);
    if (adapter == null) {
      throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
          "This authentication method is unsupported.");
    }
    return adapter;
  }

  private static AuthDataAdapter adapterFor(String provider, JsonObject options,
      String serverSecret) {
    String module = options.getString("module");
    if (module != null) {
      try {
        Object instance = Class.forName(module).getDeclaredConstructor().newInstance();
        if (instance instanceof AuthDataAdapter adapter) {
          return adapter;
        }
        throw new OptionsException("Invalid option --auth: " + module
            + " does not implement AuthDataAdapter");
      } catch (ReflectiveOperationException e) {
        throw new OptionsException("Invalid option --auth: cannot load " + module + " for "
            + provider);
      }
    }
    if (options.getBoolean("oauth2", false)) {
      return AccessTokenAdapter.oauth2(provider);
    }
    return switch (provider) {
      case "google" -> IdTokenAdapter.google();
      case "apple" -> IdTokenAdapter.apple();
      case "facebook" -> AccessTokenAdapter.facebook();
      case "github" -> AccessTokenAdapter.github();
      case "webhook" -> new WebhookAdapter();
      case WebAuthnData.PROVIDER -> new WebAuthnAdapter(serverSecret);
      default -> throw new OptionsException("Invalid option --auth: no built-in adapter for "
          + provider + "; set \"oauth2\": true or name one with \"module\"");
    };
  }
}
