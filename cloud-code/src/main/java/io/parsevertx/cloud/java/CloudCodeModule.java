package io.parsevertx.cloud.java;

/**
 * An app's Cloud Code written in Java. Implementations are found with {@link
 * java.util.ServiceLoader}: on the server's class path, or in the jar named by {@code --cloud}
 * (listed in its {@code META-INF/services/io.parsevertx.cloud.java.CloudCodeModule}).
 */
public interface CloudCodeModule {
  /** Registers this module's functions and triggers. */
  void register(Cloud cloud);
}
