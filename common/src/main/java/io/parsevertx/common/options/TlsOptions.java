package io.parsevertx.common.options;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ssl}: HTTPS and WSS straight from the gateway and the LiveQuery endpoint, from a PEM
 * private key and certificate chain ({@code {"key": "/path/key.pem", "cert":
 * "/path/cert.pem"}}, as deepstream takes them). Terminating TLS at a load balancer or ingress
 * in front is the usual deployment; this is for when there is none.
 */
public record TlsOptions(String keyPath, String certPath) {
  private static final String OPTION = "Invalid option --ssl: ";

  /** @return the settings, or null when {@code ssl} is not set */
  public static TlsOptions from(JsonObject options) {
    Object raw = options.getValue(ParseServerOptions.SSL);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject ssl)) {
      throw new OptionsException(OPTION + "give {\"key\": file, \"cert\": file}");
    }
    return new TlsOptions(readable(ssl, "key"), readable(ssl, "cert"));
  }

  private static String readable(JsonObject ssl, String name) {
    if (!(ssl.getValue(name) instanceof String path) || path.isBlank()) {
      throw new OptionsException(OPTION + name + " must name a PEM file");
    }
    if (!Files.isReadable(Path.of(path))) {
      throw new OptionsException(OPTION + name + " file " + path + " cannot be read");
    }
    return path;
  }

  /** Turns TLS on in {@code server}. */
  public HttpServerOptions applyTo(HttpServerOptions server) {
    return server.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setKeyPath(keyPath)
        .setCertPath(certPath));
  }
}
