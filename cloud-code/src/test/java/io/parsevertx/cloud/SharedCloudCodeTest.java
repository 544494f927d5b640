package io.parsevertx.cloud;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Services deployed side by side share one load of the cloud code; each must go on on its own
 * context, or what it creates next belongs to (and is closed with) another service.
 */
class SharedCloudCodeTest {

  /** A service that, like data-service or files-service, starts once the cloud code is in. */
  private static final class Service extends VerticleBase {
    private final Map<Service, Context[]> seen;

    Service(Map<Service, Context[]> seen) {
      this.seen = seen;
    }

    @Override
    public Future<?> start() {
      return SharedCloudCode.acquire(vertx, new JsonObject().put("appId", "shared")
          .put("masterKey", "m")).onSuccess(cloud -> seen.put(this, new Context[] {context,
              Vertx.currentContext()}));
    }

    @Override
    public Future<?> stop() {
      SharedCloudCode.release(vertx);
      return Future.succeededFuture();
    }
  }

  @Test
  void eachServiceGoesOnOnItsOwnContext() {
    Vertx vertx = Vertx.vertx();
    try {
      Map<Service, Context[]> seen = new ConcurrentHashMap<>();
      List<Service> services = IntStream.range(0, 4).mapToObj(i -> new Service(seen)).toList();
      // note: deployed together, so the later ones ask while the first load is under way
      Future.all(services.stream().map(vertx::deployVerticle).toList()).await();
      for (Service service : services) {
        Context[] contexts = seen.get(service);
        assertSame(contexts[0], contexts[1], "the load's answer ran on another service's context");
      }
    } finally {
      vertx.close().await();
    }
  }
}
