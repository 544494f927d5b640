package io.parsevertx.bench;

import io.parsevertx.common.ParseFields;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The measured scenarios, by name: five over a seeded {@link Dataset}, and {@code login} and
 * {@code me} as one signed-up {@link BenchUser}.
 */
public final class Scenarios {
  public static final String CREATE = "create";
  public static final String GET = "get";
  public static final String QUERY = "query";
  public static final String COUNT = "count";
  public static final String INCREMENT = "increment";
  /** {@code POST /login}: bound by the server's bcrypt check of the password. */
  public static final String LOGIN = "login";
  /** {@code GET /users/me}: bound by how the server resolves a session token. */
  public static final String ME = "me";
  /** {@code POST /functions/hello} of bench/cloud/main.js: Cloud Code's own overhead. */
  public static final String FUNCTION = "function";
  /** A create whose beforeSave (bench/cloud/main.js) edits two fields. */
  public static final String TRIGGERED_SAVE = "triggeredSave";
  /** The class bench/cloud/main.js has a beforeSave for. */
  public static final String TRIGGERED_CLASS = "BenchReview";
  /** Every scenario, in the order the bench runs them by default. */
  public static final List<String> ALL =
      List.of(CREATE, GET, QUERY, COUNT, INCREMENT, LOGIN, ME, FUNCTION, TRIGGERED_SAVE);

  private static final JsonObject HELLO = new JsonObject().put("name", "bench");
  private static final JsonObject REVIEW = new JsonObject().put("text", "  a review  ");

  private static final Buffer INCREMENT_BODY =
      Buffer.buffer("{\"counter\":{\"__op\":\"Increment\",\"amount\":1}}");

  private Scenarios() {}

  /**
   * The scenario of that name.
   *
   * @param data the seeded data; null when no chosen scenario {@link #needsData needs it}
   * @param user the signed-up user; null when no chosen scenario {@link #needsUser needs it}
   * @throws IllegalArgumentException for an unknown name
   */
  public static Scenario named(String name, ParseClient api, Dataset data, BenchUser user) {
    String cls = Dataset.CLASS_NAME;
    return switch (name) {
      case CREATE -> new Simple(CREATE, 0, i -> api.create(cls, Dataset.newObject(i)),
          body -> body.containsKey(ParseFields.OBJECT_ID) ? null : "answered no objectId");
      case GET -> new Simple(GET, 0, i -> api.get(cls, randomId(data)),
          body -> body.containsKey(Dataset.FIELD_N) ? null : "answered no field n");
      case QUERY -> new Simple(QUERY, 0,
          i -> api.find(cls, Dataset.QUERY_WHERE, Dataset.QUERY_LIMIT, null),
          body -> expectSize(body, data.expectedQuerySize()));
      case COUNT -> new Simple(COUNT, 0, i -> api.count(cls, Dataset.COUNT_WHERE),
          body -> body.getInteger("count", -1) == data.expectedCount() ? null
              : "answered count " + body.getValue("count") + ", expected " + data.expectedCount());
      case INCREMENT -> new Simple(INCREMENT, 0,
          i -> api.update(cls, randomId(data), INCREMENT_BODY),
          body -> body.getValue("counter") instanceof Number ? null
              : "answered no counter: " + body.encode());
      case LOGIN -> {
        Buffer credentials = ParseClient.credentials(user.username(), user.password());
        yield new Simple(LOGIN, 0, i -> api.login(credentials),
            body -> body.getValue("sessionToken") instanceof String ? null
                : "answered no sessionToken: " + body.encode());
      }
      case ME -> new Simple(ME, 0, i -> api.me(user.sessionToken()),
          body -> user.username().equals(body.getValue("username")) ? null
              : "answered no username " + user.username() + ": " + body.encode());
      case FUNCTION -> new Simple(FUNCTION, 0, i -> api.runFunction("hello", HELLO),
          body -> "Hello, bench!".equals(body.getValue("result")) ? null
              : "answered " + body.encode());
      case TRIGGERED_SAVE -> new Simple(TRIGGERED_SAVE, 0,
          i -> api.create(TRIGGERED_CLASS, REVIEW),
          body -> body.containsKey(ParseFields.OBJECT_ID) ? null : "answered no objectId");
      default -> throw new IllegalArgumentException(
          "unknown scenario " + name + "; known: " + String.join(",", ALL));
    };
  }

  /** Creates the seeded objects from number {@code from} on, one a request; see {@link Seeder}. */
  static Scenario seed(ParseClient api, int from) {
    return new Simple("seed", from,
        n -> api.create(Dataset.CLASS_NAME, Dataset.seedObject((int) n)), body -> null);
  }

  /** Whether a scenario reads the seeded data. */
  public static boolean needsData(String name) {
    return !CREATE.equals(name) && !FUNCTION.equals(name) && !TRIGGERED_SAVE.equals(name)
        && !needsUser(name);
  }

  /** Whether a scenario acts as the signed-up {@link BenchUser}. */
  public static boolean needsUser(String name) {
    return LOGIN.equals(name) || ME.equals(name);
  }

  private static String randomId(Dataset data) {
    List<String> ids = data.ids();
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  private static String expectSize(JsonObject body, int expected) {
    int size = body.getJsonArray("results", new JsonArray()).size();
    return size == expected ? null
        : "query answered " + size + " results, expected " + expected;
  }

  /**
   * A scenario made of a request function, given the request's sequence number, and a check of the
   * answer's body that returns a problem or null. Used from the loop's one thread only.
   */
  private static final class Simple implements Scenario {
    private final String name;
    private final LongFunction<Future<HttpResponse<Buffer>>> request;
    private final Function<JsonObject, String> bodyCheck;
    private long sequence;

    Simple(String name, long firstSequence, LongFunction<Future<HttpResponse<Buffer>>> request,
        Function<JsonObject, String> bodyCheck) {
      this.name = name;
      this.sequence = firstSequence;
      this.request = request;
      this.bodyCheck = bodyCheck;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Future<HttpResponse<Buffer>> send() {
      return request.apply(sequence++);
    }

    @Override
    public Future<String> check() {
      return send().map(response -> {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
          return name + " answered HTTP " + status + " " + response.bodyAsString();
        }
        String problem = bodyCheck.apply(response.bodyAsJsonObject());
        return problem == null ? null : name + " " + problem;
      });
    }
  }
}
