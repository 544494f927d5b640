package io.parsevertx.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -cp bench.jar io.parsevertx.bench.StandaloneMongo [port]}: mongo-java-server with its
 * in-memory backend, answering as MongoDB 5.0 on 127.0.0.1 (port 0 or none: a free one), until
 * SIGTERM. Prints its {@code mongodb://} URI as the one line on stdout. It lets two servers share
 * one store in {@code run.sh --compare-parse-server}; it loses everything when it stops.
 */
public final class StandaloneMongo {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneMongo.class);
  private static final String HOST = "127.0.0.1";

  private StandaloneMongo() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    server.bind(HOST, port);
    String uri = "mongodb://" + HOST + ":" + server.getLocalAddress().getPort();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      LOG.info("event=standalone_mongo_stopped");
    }, "standalone-mongo-shutdown"));
    LOG.info("event=standalone_mongo_started uri={}", uri);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(uri);
  }
}
