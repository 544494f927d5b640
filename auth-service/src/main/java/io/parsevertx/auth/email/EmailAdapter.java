package io.parsevertx.auth.email;

import io.vertx.core.Future;

/**
 * Sends the mails of the account flows (verification, password reset). One implementation,
 * {@link SmtpEmailAdapter}; others plug in here.
 */
public interface EmailAdapter {

  /** A plain-text mail. */
  record Message(String to, String subject, String text) {}

  /** @return succeeds once the mail server accepted the message */
  Future<Void> send(Message message);
}
