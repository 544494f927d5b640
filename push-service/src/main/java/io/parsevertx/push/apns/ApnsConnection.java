package io.parsevertx.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.parsevertx.common.options.PushOptions.ApnsConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * One configured APNs connection (a Pushy {@link ApnsClient}: HTTP/2 over TLS, its own Netty
 * threads). Replies come back on the Vert.x context that built the connection.
 */
final class ApnsConnection {
  private final ApnsConfig config;
  private final ApnsClient client;
  private final Context context;

  private ApnsConnection(ApnsConfig config, ApnsClient client, Context context) {
    this.config = config;
    this.client = client;
    this.context = context;
  }

  /** Reads the credential files: call on a worker thread. */
  static ApnsConnection open(ApnsConfig config, Context context) throws Exception {
    ApnsClientBuilder builder = new ApnsClientBuilder();
    String host = config.apnsHost() != null ? config.apnsHost() : config.production()
        ? ApnsClientBuilder.PRODUCTION_APNS_HOST : ApnsClientBuilder.DEVELOPMENT_APNS_HOST;
    builder.setApnsServer(host, config.apnsPort() != null ? config.apnsPort()
        : ApnsClientBuilder.DEFAULT_APNS_PORT);
    if (config.pfx() != null) {
      builder.setClientCredentials(new File(config.pfx()),
          config.passphrase() == null ? "" : config.passphrase());
    } else if (config.cert() != null) {
      builder.setClientCredentials(certificate(config.cert()), privateKey(config.key()),
          config.passphrase());
    } else {
      builder.setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(config.token().key()),
          config.token().teamId(), config.token().keyId()));
    }
    if (config.apnsTrustedCertificate() != null) {
      builder.setTrustedServerCertificateChain(new File(config.apnsTrustedCertificate()));
    }
    return new ApnsConnection(config, builder.build(), context);
  }

  ApnsConfig config() {
    return config;
  }

  Future<PushNotificationResponse<SimpleApnsPushNotification>> send(String token,
      String payload, Instant expiration, boolean lowPriority, String pushType,
      String collapseId) {
    SimpleApnsPushNotification notification = new SimpleApnsPushNotification(token,
        config.topic(), payload, expiration,
        lowPriority ? DeliveryPriority.CONSERVE_POWER : DeliveryPriority.IMMEDIATE,
        pushType == null ? PushType.ALERT : PushType.getFromHeaderValue(pushType), collapseId);
    return Future.fromCompletionStage(client.sendNotification(notification), context);
  }

  Future<Void> close() {
    return Future.fromCompletionStage(client.close(), context).mapEmpty();
  }

  private static X509Certificate certificate(String path) throws Exception {
    try (InputStream in = new FileInputStream(path)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** An unencrypted PKCS#8 PEM key (RSA, else EC). */
  private static PrivateKey privateKey(String path) throws Exception {
    String pem = java.nio.file.Files.readString(java.nio.file.Path.of(path));
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("the key must be PKCS#8 (BEGIN PRIVATE KEY); convert "
          + "it with: openssl pkcs8 -topk8 -nocrypt");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (java.security.spec.InvalidKeySpecException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }
}
