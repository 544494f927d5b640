package io.parsevertx.files;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@code Parse.File} triggers - {@code beforeSave} and {@code beforeDelete} (may
 * refuse), {@code afterSave} and {@code afterDelete} - run in this process by the cloud code it
 * loaded.
 */
final class FileTriggers {
  static final String FILE_CLASS = "@File";
  private static final Logger LOG = LoggerFactory.getLogger(FileTriggers.class);
  private final CloudCode cloud;
  private final CloudCaller caller;

  FileTriggers(CloudCode cloud, CloudCaller caller) {
    this.cloud = cloud;
    this.caller = caller;
  }

  /** @param file {@code {"name", "url"?, "contentType"?}} */
  Future<Void> before(String kind, JsonObject file, Long size, AuthContext caller) {
    return run(kind, file, size, caller).mapEmpty();
  }

  void after(String kind, JsonObject file, Long size, AuthContext caller) {
    run(kind, file, size, caller).onFailure(e -> LOG.warn(
        "event=cloud_after_trigger_failed trigger={} file={} error={}", kind,
        file.getString("name"), e.getMessage()));
  }

  private Future<JsonObject> run(String kind, JsonObject file, Long size, AuthContext caller) {
    if (!cloud.hasTrigger(kind, FILE_CLASS)) {
      return Future.succeededFuture(new JsonObject());
    }
    JsonObject request = new JsonObject().put("file", file.copy().put("__type", "File"));
    if (size != null) {
      request.put("fileSize", size);
    }
    return this.caller.of(null, caller).compose(call -> cloud.runLive(kind, FILE_CLASS,
        call.mergeIn(request)));
  }
}
