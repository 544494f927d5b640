package io.parsevertx.common.options;

/** A wrong option; the message is one line that names the option and what is wrong. */
public final class OptionsException extends RuntimeException {

  public OptionsException(String message) {
    super(message, null, false, false);
  }
}
