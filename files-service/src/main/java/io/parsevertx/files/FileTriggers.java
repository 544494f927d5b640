package io.parsevertx.files;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@code Parse.File} triggers - {@code beforeSave} and {@code beforeDelete} (may
 * refuse), {@code afterSave} and {@code afterDelete} - run by the cloud code data-service
 * loaded, over the bus; asked only when this process has a {@code cloud} option.
 */
final class FileTriggers {
  static final String FILE_CLASS = "@File";
  private static final Logger LOG = LoggerFactory.getLogger(FileTriggers.class);
  private final DataServiceClient data;

  /** @param data null when no {@code cloud} is configured */
  FileTriggers(DataServiceClient data) {
    this.data = data;
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
    if (data == null) {
      return Future.succeededFuture(new JsonObject());
    }
    JsonObject request = new JsonObject().put("file", file.copy().put("__type", "File"));
    if (size != null) {
      request.put("fileSize", size);
    }
    return data.runTrigger(new ServiceRequest(null, caller, FILE_CLASS, null,
        new JsonObject().put("triggerName", kind), request));
  }
}
