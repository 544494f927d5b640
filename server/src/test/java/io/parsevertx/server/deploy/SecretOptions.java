package io.parsevertx.server.deploy;

import java.util.Set;

/**
 * The options whose values are secrets, or may carry one: the one list deploy/ is checked
 * against (only the Secret may set them; the ConfigMap, args and literal env values never).
 * The options themselves do not say which are secret, so the list lives here; a name that
 * stops being an option fails {@code DeployManifestsTest.secretListNamesRealOptions}.
 */
final class SecretOptions {
  static final Set<String> NAMES = Set.of(
      // keys: each one grants access
      "masterKey", "readOnlyMasterKey", "maintenanceKey", "clientKey", "javascriptKey",
      "restAPIKey", "dotNetKey", "webhookKey", "fileKey", "encryptionKey",
      // URIs and adapter settings that carry passwords, private keys or API secrets
      "databaseURI", "databaseOptions", "push", "emailAdapter", "filesAdapter", "auth",
      // redisURL (with a password) and LiveQuery keyPairs; rateLimit's redisUrl likewise
      "liveQuery", "liveQueryServerOptions", "rateLimit");

  private SecretOptions() {}
}
