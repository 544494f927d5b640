package io.parsevertx.bench;

import io.parsevertx.common.ParseFields;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the server holds the {@link Dataset}: counts the seeded objects already there (a
 * database kept from an earlier run is reused), creates the missing ones through a
 * {@link LoadLoop}, then reads the ids that {@code get} and {@code increment} use. Fails when any
 * of it fails, since the numbers would mean nothing then.
 */
public final class Seeder {
  private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);
  private static final int PARALLEL = 16;

  private final Context context;
  private final ParseClient api;
  private final int seedCount;

  public Seeder(Context context, ParseClient api, int seedCount) {
    this.context = context;
    this.api = api;
    this.seedCount = seedCount;
  }

  /**
   * Seeds what is missing.
   *
   * @return the data, with a description of what was done for the report's notes
   */
  public Future<Seeded> seed() {
    return api.count(Dataset.CLASS_NAME, Dataset.SEEDED_WHERE)
        .map(response -> expectJson(response, 200).getInteger("count", 0))
        .compose(this::createMissing)
        .compose(note -> api.find(Dataset.CLASS_NAME, Dataset.idPoolWhere(), Dataset.ID_POOL,
                ParseFields.OBJECT_ID)
            .map(response -> new Seeded(
                new Dataset(seedCount, objectIds(expectJson(response, 200))), note)));
  }

  private Future<String> createMissing(int existing) {
    if (existing >= seedCount) {
      return Future.succeededFuture("reused " + existing + " seeded objects");
    }
    if (existing > 0) {
      LOG.warn("event=seed_partial existing={} wanted={}", existing, seedCount);
    }
    LoadLoop.Limit limit = LoadLoop.Limit.ofRequests(seedCount - existing);
    return LoadLoop.run(context, Scenarios.seed(api, existing), PARALLEL, limit)
        .map(result -> {
          if (result.errors() > 0) {
            throw new IllegalStateException("seeding failed " + result.errors() + " times: "
                + result.errorKinds());
          }
          LOG.info("event=seeded created={} seconds={}", result.ok(), result.seconds());
          return String.format(Locale.ROOT, "seeded %d objects in %.1fs (%.0f/s, %d in"
              + " flight)", result.ok(), result.seconds(), result.requestsPerSecond(), PARALLEL);
        });
  }

  private static List<String> objectIds(JsonObject body) {
    JsonArray results = body.getJsonArray("results", new JsonArray());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      ids.add(results.getJsonObject(i).getString(ParseFields.OBJECT_ID));
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("no seeded object found to read and update");
    }
    return ids;
  }

  private static JsonObject expectJson(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("expected HTTP " + status + " but got "
          + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The seeded data and what seeding did. */
  public record Seeded(Dataset data, String note) {}
}
