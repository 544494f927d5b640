package io.parsevertx.push.adapter;

import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.PushOptions;
import io.parsevertx.push.PushAdapter;
import io.parsevertx.push.apns.ApnsSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured adapter: the class named by {@code push.adapter}, else the default. */
public final class PushAdapters {

  private PushAdapters() {}

  /** @return null when push is not configured; fails when the adapter cannot be built */
  public static Future<PushAdapter> create(Vertx vertx, PushOptions options) {
    if (!options.enabled()) {
      return Future.succeededFuture(null);
    }
    if (options.adapterModule() != null) {
      PushAdapter custom = instantiate(options.adapterModule());
      return custom.init(vertx, options.adapterOptions()).map(custom);
    }
    List<Future<ParsePushAdapter.Provider>> providers = new ArrayList<>();
    if (!options.apns().isEmpty()) {
      providers.add(ApnsSender.open(vertx, options.apns()).map(ParsePushAdapter::apns));
    }
    if (options.android() != null) {
      providers.add(io.parsevertx.push.fcm.FcmSender.open(vertx, options.android())
          .map(io.parsevertx.push.fcm.FcmSender::asProvider));
    }
    return Future.all(providers).map(all -> new ParsePushAdapter(providers.stream()
        .map(Future::result).toList()));
  }

  private static PushAdapter instantiate(String className) {
    try {
      Object adapter = Class.forName(className).getDeclaredConstructor().newInstance();
      if (adapter instanceof PushAdapter pushAdapter) {
        return pushAdapter;
      }
      throw new OptionsException("Invalid option --push: adapter " + className
          + " does not implement io.parsevertx.push.PushAdapter");
    } catch (ReflectiveOperationException e) {
      throw new OptionsException("Invalid option --push: adapter " + className
          + " cannot be created (" + e.getClass().getSimpleName() + ")");
    }
  }
}
