package io.parsevertx.server.cloud;

import io.parsevertx.cloud.java.Cloud;
import io.parsevertx.cloud.java.CloudCodeModule;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;

/**
 * A Java cloud code module as an app would write it: the tests package it into a jar of its own
 * (with its META-INF/services entry) and start the server with {@code --cloud that.jar}.
 */
public final class SampleJavaCloud implements CloudCodeModule {

  @Override
  public void register(Cloud cloud) {
    cloud.define("javaHello", request -> "Hello from Java, "
        + request.params().getString("name", "world") + "!");

    cloud.define("javaAverage", request -> request.sdk().asMaster()
        .find("JavaScore", new JsonObject().put("where", new JsonObject()
            .put("player", request.params().getString("player"))))
        .map(scores -> scores.stream().mapToInt(s -> s.getInteger("points")).average()
            .orElse(0)));

    cloud.define("javaWhoAmI", request -> {
      if (request.user() == null) {
        throw new ParseException(ParseErrorCode.VALIDATION_ERROR, "Please login to continue.");
      }
      return request.user().getString("username");
    });

    cloud.beforeSave("JavaScore", request -> {
      JsonObject score = request.object();
      if (score.getInteger("points", 0) < 0) {
        throw new ParseException(ParseErrorCode.VALIDATION_ERROR, "points must not be negative");
      }
      score.put("checked", true);
      if (request.isNew()) {
        score.put("source", "java");
      }
      return null;
    });

    cloud.afterSave("JavaScore", request -> request.sdk().asMaster().save("JavaAudit",
        new JsonObject().put("scoreId", request.object().getString("objectId"))));

    cloud.beforeDelete("JavaScore", request -> {
      if (request.object().getBoolean("locked", false)) {
        throw new IllegalStateException("locked scores stay");
      }
      return null;
    });

    cloud.job("javaCountScores", request -> request.sdk().find("JavaScore", new JsonObject())
        .compose(scores -> request.message("counted " + scores.size() + " for "
            + request.params().getString("label", "nobody"))));

    // a client finds only the public notes, each marked as seen by Java
    cloud.beforeFind("JavaNote", request -> {
      if (!request.master()) {
        request.where().put("public", true);
      }
      return null;
    });
    cloud.afterFind("JavaNote", request -> {
      request.objects().forEach(note -> note.put("seenBy", "java"));
      return null;
    });

    cloud.beforeLogin(request -> {
      if (request.object().getString("username", "").startsWith("java-banned")) {
        throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "banned by Java");
      }
      return null;
    });

    cloud.beforeSubscribe("JavaRoom", request -> {
      if (!request.master()) {
        request.where().put("open", true);
      }
      return null;
    });

    // hidden rows are held back, the others arrive marked
    cloud.afterLiveQueryEvent("JavaTicker", request -> {
      if (request.object().getBoolean("hidden", false)) {
        request.data().put("sendEvent", false);
      } else {
        request.object().put("seenBy", "java " + request.data().getString("event"));
      }
      return null;
    });

    cloud.beforeSaveFile(request -> {
      if (request.file().getString("name").contains("java-refused")) {
        throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "refused by Java, "
            + request.fileSize() + " bytes");
      }
      return null;
    });
  }
}
