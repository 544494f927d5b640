package io.parsevertx.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The helper hands out servers that answer their real protocols. */
class TestServersTest {

  @Test
  void redisAnswersPing() throws Exception {
    URI uri = URI.create(TestServers.redisUri());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertEquals("+PONG", in.readLine());
    }
  }

  @Test
  void postgresRunsSql() throws Exception {
    try (Connection c = DriverManager.getConnection(TestServers.postgresJdbcUrl(), "postgres",
        "postgres"); ResultSet rs = c.createStatement().executeQuery("select version()")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).startsWith("PostgreSQL"), rs.getString(1));
    }
  }

  @Test
  void mongoUrisNameDistinctDatabases() {
    String a = TestServers.mongoUri();
    String b = TestServers.mongoUri();
    assertTrue(a.startsWith("mongodb://"), a);
    assertTrue(!a.equals(b));
  }
}
