package io.parsevertx.push.fcm;

import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.PushOptions.FcmConfig;
import io.parsevertx.push.adapter.ParsePushAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Android through FCM: not built yet (issue #12, step 4); configuring it refuses to start. */
public final class FcmSender {

  private FcmSender() {}

  public static Future<FcmSender> open(Vertx vertx, FcmConfig config) {
    return Future.failedFuture(new OptionsException(
        "Invalid option --push: android (FCM) is not supported yet"));
  }

  public ParsePushAdapter.Provider asProvider() {
    throw new UnsupportedOperationException();
  }
}
