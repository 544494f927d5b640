package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of operation × mechanism × principal for class-level permissions: one class per
 * (mechanism, operation) whose CLP grants that operation only, through that mechanism, and four
 * callers - anonymous, the grantee (the user named, in the role, pointed at by {@code owner}),
 * another logged-in user, and the master key. Each answer is checked for its exact status and
 * code.
 */
class ClpMatrixApiTest extends ApiTestBase {
  private static final List<String> OPERATIONS = List.of("get", "find", "count", "create",
      "update", "delete", "addField");
  private static final List<String> MECHANISMS = List.of("public", "user", "role",
      "requiresAuthentication", "pointer");
  private static final List<String> PRINCIPALS = List.of("anonymous", "grantee", "other",
      "master");
  private static final Map<String, String> TOKENS = new HashMap<>();
  private static String granteeId;

  @BeforeAll
  static void world() {
    JsonObject grantee = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "m-grantee").put("password", "pw")), 201);
    granteeId = grantee.getString("objectId");
    TOKENS.put("grantee", grantee.getString("sessionToken"));
    TOKENS.put("other", expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "m-other").put("password", "pw")), 201).getString("sessionToken"));
    expect(request(HttpMethod.POST, "/classes/_Role", headers("master"), new JsonObject()
        .put("name", "grantees").put("ACL", new JsonObject().put("*", new JsonObject()
            .put("read", true))).put("users", new JsonObject().put("__op", "AddRelation")
            .put("objects", new JsonArray().add(owner())))), 201);
    for (String mechanism : MECHANISMS) {
      for (String operation : OPERATIONS) {
        JsonObject clp = new JsonObject();
        OPERATIONS.forEach(op -> clp.put(op, new JsonObject()));
        clp.put(operation, grant(mechanism));
        if ("addField".equals(operation)) {
          clp.put("create", new JsonObject().put("*", true));
        }
        expect(request(HttpMethod.POST, "/schemas/" + className(mechanism, operation),
            headers("master"), new JsonObject().put("classLevelPermissions", clp)
                .put("fields", new JsonObject().put("owner", new JsonObject()
                    .put("type", "Pointer").put("targetClass", "_User"))
                    .put("n", new JsonObject().put("type", "Number")))), 200);
      }
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (String mechanism : MECHANISMS) {
      for (String operation : OPERATIONS) {
        for (String principal : PRINCIPALS) {
          int[] expected = expected(mechanism, operation, principal);
          cells.add(Arguments.of(operation + " via " + mechanism + " as " + principal,
              mechanism, operation, principal, expected[0], expected[1]));
        }
      }
    }
    return cells.stream();
  }

  /** {status, code}; code 0 for success, and for a find that returns nothing. */
  private static int[] expected(String mechanism, String operation, String principal) {
    if (principal.equals("master") || mechanism.equals("public")) {
      return success(operation);
    }
    boolean anonymous = principal.equals("anonymous");
    boolean grantee = principal.equals("grantee");
    return switch (mechanism) {
      case "user", "role" -> grantee ? success(operation) : new int[] {400, 119};
      case "requiresAuthentication" -> anonymous ? new int[] {404, 101} : success(operation);
      default -> pointer(operation, anonymous, grantee);
    };
  }

  private static int[] pointer(String operation, boolean anonymous, boolean grantee) {
    if (operation.equals("create") || operation.equals("addField") || anonymous) {
      return new int[] {400, 119};
    }
    if (grantee) {
      return success(operation);
    }
    return switch (operation) {
      case "find", "count" -> new int[] {200, -1};
      default -> new int[] {404, 101};
    };
  }

  private static int[] success(String operation) {
    return new int[] {operation.equals("create") || operation.equals("addField") ? 201 : 200,
        0};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void cell(String name, String mechanism, String operation, String principal, int status,
      int code) {
    String className = className(mechanism, operation);
    String id = expect(request(HttpMethod.POST, "/classes/" + className, headers("master"),
        new JsonObject().put("owner", owner()).put("n", 1)), 201).getString("objectId");
    HttpResponse<Buffer> response = switch (operation) {
      case "get" -> request(HttpMethod.GET, "/classes/" + className + "/" + id,
          headers(principal), null);
      case "find" -> request(HttpMethod.GET, "/classes/" + className, headers(principal), null);
      case "count" -> request(HttpMethod.GET, "/classes/" + className + "?count=1&limit=0",
          headers(principal), null);
      case "create" -> request(HttpMethod.POST, "/classes/" + className, headers(principal),
          new JsonObject().put("n", 2));
      case "update" -> request(HttpMethod.PUT, "/classes/" + className + "/" + id,
          headers(principal), new JsonObject().put("n", 3));
      case "delete" -> request(HttpMethod.DELETE, "/classes/" + className + "/" + id,
          headers(principal), null);
      default -> request(HttpMethod.POST, "/classes/" + className, headers(principal),
          new JsonObject().put("n", 4).put("added" + principal, true));
    };
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    if (code > 0) {
      assertEquals(code, body.getInteger("code"), body::encode);
    } else if (code < 0) {
      assertEquals(0, operation.equals("count") ? body.getInteger("count")
          : body.getJsonArray("results").size(), body::encode);
    }
  }

  private static JsonObject grant(String mechanism) {
    return switch (mechanism) {
      case "public" -> new JsonObject().put("*", true);
      case "user" -> new JsonObject().put(granteeId, true);
      case "role" -> new JsonObject().put("role:grantees", true);
      case "requiresAuthentication" -> new JsonObject().put("requiresAuthentication", true);
      default -> new JsonObject().put("pointerFields", new JsonArray().add("owner"));
    };
  }

  private static String className(String mechanism, String operation) {
    return "Cell_" + mechanism + "_" + operation;
  }

  private static JsonObject owner() {
    return new JsonObject().put("__type", "Pointer").put("className", "_User")
        .put("objectId", granteeId);
  }

  private static Map<String, String> headers(String principal) {
    return switch (principal) {
      case "anonymous" -> Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
      case "master" -> Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY,
          MASTER_KEY);
      default -> Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
          TOKENS.get(principal));
    };
  }
}
