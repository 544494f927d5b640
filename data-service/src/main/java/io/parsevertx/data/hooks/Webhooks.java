package io.parsevertx.data.hooks;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks declared through {@code /hooks}, kept in {@code _Hooks} as Parse Server keeps
 * them ({@code {functionName, url}} or {@code {className, triggerName, url}}), and held in
 * memory for the calls; a change is published on the bus so every data-service reloads.
 */
public final class Webhooks {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  private final ClassesService classes;
  private final EventBus bus;
  private final Map<String, JsonObject> functions = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> triggers = new ConcurrentHashMap<>();

  public Webhooks(ClassesService classes, EventBus bus) {
    this.classes = classes;
    this.bus = bus;
  }

  /** Loads what is declared, and reloads whenever any instance changes it. */
  public Future<MessageConsumer<JsonObject>> start(String changedAddress) {
    MessageConsumer<JsonObject> consumer = bus.consumer(changedAddress, m -> reload()
        .onFailure(e -> LOG.warn("event=hooks_reload_failed error={}", e.getMessage())));
    return reload().map(consumer);
  }

  public Optional<String> functionUrl(String name) {
    return Optional.ofNullable(functions.get(name)).map(h -> h.getString("url"));
  }

  public Optional<String> triggerUrl(String triggerName, String className) {
    return Optional.ofNullable(triggers.get(key(className, triggerName)))
        .map(h -> h.getString("url"));
  }

  public JsonArray allFunctions() {
    return new JsonArray(functions.values().stream().map(Webhooks::view).toList());
  }

  public JsonArray allTriggers() {
    return new JsonArray(triggers.values().stream().map(Webhooks::view).toList());
  }

  public Optional<JsonObject> function(String name) {
    return Optional.ofNullable(functions.get(name)).map(Webhooks::view);
  }

  public Optional<JsonObject> trigger(String className, String triggerName) {
    return Optional.ofNullable(triggers.get(key(className, triggerName))).map(Webhooks::view);
  }

  Future<Void> reload() {
    return classes.find(master(null, new JsonObject().put("limit", 10_000), null))
        .map(found -> {
          Map<String, JsonObject> nextFunctions = new ConcurrentHashMap<>();
          Map<String, JsonObject> nextTriggers = new ConcurrentHashMap<>();
          found.getJsonArray("results", new JsonArray()).forEach(item -> {
            JsonObject hook = (JsonObject) item;
            if (hook.getString("functionName") != null) {
              nextFunctions.put(hook.getString("functionName"), hook);
            } else if (hook.getString("className") != null) {
              nextTriggers.put(key(hook.getString("className"), hook.getString("triggerName")),
                  hook);
            }
          });
          functions.keySet().retainAll(nextFunctions.keySet());
          functions.putAll(nextFunctions);
          triggers.keySet().retainAll(nextTriggers.keySet());
          triggers.putAll(nextTriggers);
          return null;
        });
  }

  /** Stores a new declaration, or changes the url of an existing one ({@code objectId}). */
  Future<Void> save(String objectId, JsonObject declaration, String changedAddress) {
    Future<JsonObject> written = objectId == null
        ? classes.create(master(null, null, declaration))
        : classes.update(master(objectId, null, new JsonObject().put("url",
            declaration.getString("url"))));
    return written.compose(v -> reload()).onSuccess(v -> bus.publish(changedAddress,
        new JsonObject()));
  }

  Future<Void> remove(String objectId, String changedAddress) {
    return classes.delete(master(objectId, null, null)).compose(v -> reload())
        .onSuccess(v -> bus.publish(changedAddress, new JsonObject()));
  }

  Optional<String> idOfFunction(String name) {
    return Optional.ofNullable(functions.get(name)).map(h -> h.getString("objectId"));
  }

  Optional<String> idOfTrigger(String className, String triggerName) {
    return Optional.ofNullable(triggers.get(key(className, triggerName)))
        .map(h -> h.getString("objectId"));
  }

  static ParseException declarationError(String message) {
    return new ParseException(ParseErrorCode.INVALID_IMAGE_DATA, message);
  }

  private static JsonObject view(JsonObject hook) {
    JsonObject view = new JsonObject();
    for (String field : new String[] {"functionName", "className", "triggerName", "url"}) {
      if (hook.getValue(field) != null) {
        view.put(field, hook.getValue(field));
      }
    }
    return view;
  }

  private static String key(String className, String triggerName) {
    return triggerName + ":" + className;
  }

  private static ServiceRequest master(String objectId, JsonObject params, JsonObject body) {
    return new ServiceRequest(null, AuthContext.masterKey(), ClassNames.HOOKS, objectId, params,
        body);
  }
}
