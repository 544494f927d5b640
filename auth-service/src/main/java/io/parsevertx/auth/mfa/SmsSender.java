package io.parsevertx.auth.mfa;

import io.vertx.core.Future;

/** Delivers one-time codes by text message; the built-in one calls an SMS gateway over HTTP. */
public interface SmsSender {
  Future<Void> send(String mobile, String message);
}
