package io.parsevertx.push.adapter;

import io.parsevertx.push.PushAdapter;
import io.parsevertx.push.PushResult;
import io.parsevertx.push.apns.ApnsSender;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default adapter, as Parse Server's {@code ParsePushAdapter}: Apple platforms through APNs
 * and Android through FCM, each installation by its {@code deviceType}.
 */
public final class ParsePushAdapter implements PushAdapter {
  /** A channel to one provider: the platforms it serves and how a batch is sent. */
  public interface Provider {
    List<String> platforms();

    Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations);

    Future<Void> close();
  }

  private final List<Provider> providers;

  public ParsePushAdapter(List<Provider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** The APNs sender as a provider. */
  public static Provider apns(ApnsSender sender) {
    return new Provider() {
      @Override
      public List<String> platforms() {
        return List.copyOf(sender.platforms());
      }

      @Override
      public Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
        return sender.send(body, installations);
      }

      @Override
      public Future<Void> close() {
        return sender.close();
      }
    };
  }

  @Override
  public List<String> deviceTypes() {
    return providers.stream().flatMap(p -> p.platforms().stream()).distinct().toList();
  }

  @Override
  public Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
    Map<Provider, List<JsonObject>> byProvider = new LinkedHashMap<>();
    for (JsonObject installation : installations) {
      String type = installation.getString("deviceType");
      providers.stream().filter(p -> p.platforms().contains(type)).findFirst()
          .ifPresent(p -> byProvider.computeIfAbsent(p, k -> new ArrayList<>())
              .add(installation));
    }
    List<Future<List<PushResult>>> sends = byProvider.entrySet().stream()
        .map(e -> e.getKey().send(body, e.getValue())).toList();
    return Future.all(sends).map(done -> sends.stream()
        .flatMap(f -> f.result().stream()).toList());
  }

  @Override
  public Future<Void> close() {
    return Future.join(providers.stream().map(Provider::close).toList()).mapEmpty();
  }
}
