package io.parsevertx.auth.email;

import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Mails through an SMTP server with the Vert.x Mail Client (non-blocking). Configured as
 * {@code emailAdapter: {"module": "smtp", "options": {"host", "port", "username", "password",
 * "fromAddress", "ssl", "startTls"}}}.
 */
public final class SmtpEmailAdapter implements EmailAdapter {
  public static final String MODULE = "smtp";

  private final MailClient client;
  private final String from;

  private SmtpEmailAdapter(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  /** @throws OptionsException naming what the {@code emailAdapter} option lacks */
  public static SmtpEmailAdapter create(Vertx vertx, JsonObject options) {
    String host = options.getString("host");
    String from = options.getString("fromAddress");
    if (host == null || from == null) {
      throw new OptionsException("Invalid option --emailAdapter: the smtp module needs "
          + "options.host and options.fromAddress");
    }
    MailConfig config = new MailConfig().setHostname(host)
        .setPort(options.getInteger("port", 25))
        .setSsl(options.getBoolean("ssl", false))
        .setStarttls(options.getBoolean("startTls", false) ? StartTLSOptions.REQUIRED
            : StartTLSOptions.OPTIONAL);
    if (options.getString("username") != null) {
      config.setUsername(options.getString("username"))
          .setPassword(options.getString("password"));
    }
    return new SmtpEmailAdapter(MailClient.create(vertx, config), from);
  }

  @Override
  public Future<Void> send(Message message) {
    return client.sendMail(new MailMessage().setFrom(from).setTo(message.to())
        .setSubject(message.subject()).setText(message.text())).mapEmpty();
  }
}
