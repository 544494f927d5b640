package io.parsevertx.auth;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.cloud.SharedCloudCode;
import io.parsevertx.auth.sessions.SessionOperations;
import io.parsevertx.auth.users.UserService;
import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * auth-service: users, log-in and sessions on the event bus. Ready once its consumers are
 * registered and the database answers.
 */
public final class AuthServiceVerticle extends VerticleBase {
  private AuthComponents components;

  @Override
  public Future<?> start() {
    return SharedCloudCode.acquire(vertx, config()).compose(this::serve);
  }

  private Future<?> serve(CloudCode cloud) {
    components = AuthComponents.create(vertx, AuthServiceConfig.fromJson(config()), cloud);
    UserService users = components.users();
    SessionOperations sessions = components.sessions();
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<JsonObject>> consumers = List.of(
        bus.consumer(EventBusAddresses.USERS_SIGN_UP, BusReplies.handler(users::signUp)),
        bus.consumer(EventBusAddresses.USERS_LOG_IN, BusReplies.handler(users::logIn)),
        bus.consumer(EventBusAddresses.USERS_LOG_OUT, BusReplies.handler(users::logOut)),
        bus.consumer(EventBusAddresses.USERS_ME, BusReplies.handler(users::me)),
        bus.consumer(EventBusAddresses.USERS_VERIFY_PASSWORD,
            BusReplies.handler(users::verifyPassword)),
        bus.consumer(EventBusAddresses.USERS_UPDATE, BusReplies.handler(users::update)),
        bus.consumer(EventBusAddresses.USERS_CHALLENGE, BusReplies.handler(users::challenge)),
        bus.consumer(EventBusAddresses.USERS_DELETE, BusReplies.handler(users::delete)),
        bus.consumer(EventBusAddresses.EMAIL_VERIFY,
            BusReplies.handler(components.emails()::verify)),
        bus.consumer(EventBusAddresses.EMAIL_RESEND_VERIFICATION,
            BusReplies.handler(components.emails()::resend)),
        bus.consumer(EventBusAddresses.PASSWORD_RESET_REQUEST,
            BusReplies.handler(components.passwordReset()::request)),
        bus.consumer(EventBusAddresses.PASSWORD_RESET_CHECK,
            BusReplies.handler(components.passwordReset()::check)),
        bus.consumer(EventBusAddresses.PASSWORD_RESET,
            BusReplies.handler(components.passwordReset()::reset)),
        bus.consumer(EventBusAddresses.SESSIONS_RESOLVE, BusReplies.handler(sessions::resolve)),
        bus.consumer(EventBusAddresses.SESSIONS_ME, BusReplies.handler(sessions::me)),
        bus.consumer(EventBusAddresses.SESSIONS_UPGRADE, BusReplies.handler(sessions::upgrade)),
        bus.consumer(EventBusAddresses.SESSIONS_LIST, BusReplies.handler(sessions::list)),
        bus.consumer(EventBusAddresses.SESSIONS_DELETE, BusReplies.handler(sessions::delete)),
        bus.consumer(EventBusAddresses.SESSIONS_UPDATE, BusReplies.handler(sessions::update)),
        components.schemas().listen(bus),
        components.principals().listen(bus),
        bus.consumer(ServiceRole.AUTH.healthAddress(),
            BusReplies.health(() -> components.storage().ping())));
    return components.storage().ping()
        .compose(v -> users.ensureClass())
        .compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  @Override
  public Future<?> stop() {
    SharedCloudCode.release(vertx);
    return components == null ? Future.succeededFuture() : components.storage().close();
  }
}
