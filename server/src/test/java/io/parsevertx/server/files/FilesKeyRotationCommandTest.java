package io.parsevertx.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.files.BufferCollector;
import io.parsevertx.files.FilesAdapter;
import io.parsevertx.files.StoredFiles;
import io.parsevertx.files.encryption.EncryptedFilesAdapter;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.server.FilesKeyRotationCommandAccess;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate-files-key} on the filesystem (the embedded store's default) and on GridFS:
 * every stored file listed and moved from one key to another, a second run finding them all
 * done, and the way back to unencrypted.
 */
class FilesKeyRotationCommandTest {
  @TempDir
  Path dataDir;

  @Test
  void rotatesTheFilesystem() throws IOException {
    rotateAll(List.of("--dataDir", dataDir.toString()));
  }

  @Test
  void rotatesGridFs() throws IOException {
    rotateAll(List.of("--databaseURI", TestServers.mongoUri(), "--dataDir",
        dataDir.toString()));
  }

  private void rotateAll(List<String> storage) throws IOException {
    List<String> base = new ArrayList<>(List.of("--appId", "rot", "--masterKey", "rotmk"));
    base.addAll(storage);
    JsonObject options = new JsonObject().put("dataDir", dataDir.toString());
    if (storage.contains("--databaseURI")) {
      options.put("databaseURI", storage.get(storage.indexOf("--databaseURI") + 1));
    }
    Vertx vertx = Vertx.vertx();
    StoredFiles files = StoredFiles.open(vertx, options);
    List<String> names = List.of("a_one.txt", "b_two.bin", "c_three.bin");
    List<byte[]> contents = List.of("one".getBytes(StandardCharsets.UTF_8), new byte[70_000],
        new byte[0]);
    FilesAdapter underA = new EncryptedFilesAdapter(vertx, files.stored(),
        FileCipher.forKey("old-key"));
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      byte[] bytes = contents.get(i);
      on(vertx, () -> store(vertx, underA, name, bytes));
    }

    List<String> toB = new ArrayList<>(base);
    toB.addAll(List.of("--encryptionKey", "new-key", "--oldKey", "old-key"));
    String output = run(toB, 0);
    assertTrue(output.contains("rotate: 3 files"), output);
    assertTrue(output.contains("rotate: b_two.bin rotated"), output);
    assertTrue(output.contains("{\"rotated\":[\"a_one.txt\",\"b_two.bin\",\"c_three.bin\"],"
        + "\"notRotated\":[]}"), output);
    FilesAdapter underB = new EncryptedFilesAdapter(vertx, files.stored(),
        FileCipher.forKey("new-key"));
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      assertArrayEquals(contents.get(i), read(vertx, underB, name, contents.get(i).length));
    }
    // again: nothing left to do
    assertTrue(run(toB, 0).contains("rotate: a_one.txt already"));
    // a key that is not theirs: nothing rotated, exit status 3
    List<String> wrong = new ArrayList<>(base);
    wrong.addAll(List.of("--encryptionKey", "third-key", "--oldKey", "old-key",
        "--fileNames", "a_one.txt"));
    assertTrue(run(wrong, 3).contains("\"notRotated\":[\"a_one.txt\"]"));
    // back to unencrypted
    List<String> toPlain = new ArrayList<>(base);
    toPlain.addAll(List.of("--oldKey", "new-key"));
    run(toPlain, 0);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      assertArrayEquals(contents.get(i), read(vertx, files.stored(), name,
          contents.get(i).length));
    }
    files.closeAsync().await();
    vertx.close().await();
  }

  private static String run(List<String> args, int expectedStatus) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = FilesKeyRotationCommandAccess.run(args, new PrintStream(out, true),
        new PrintStream(err, true));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, printed + err.toString(StandardCharsets.UTF_8));
    return printed;
  }

  private static <T> T on(Vertx vertx, Callable<Future<T>> work) {
    return vertx.getOrCreateContext().<Void>executeBlocking(() -> null, false).compose(x -> {
      try {
        return work.call();
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }).await();
  }

  private static Future<FilesAdapter.StoredFile> store(Vertx vertx, FilesAdapter adapter,
      String name, byte[] bytes) throws IOException {
    Path source = Files.createTempFile("rotation", ".bin");
    Files.write(source, bytes);
    return vertx.fileSystem().open(source.toString(), new io.vertx.core.file.OpenOptions()
        .setRead(true)).compose(file -> adapter.create(name, "application/octet-stream", file,
            Long.MAX_VALUE));
  }

  private static byte[] read(Vertx vertx, FilesAdapter adapter, String name, int length) {
    BufferCollector out = new BufferCollector();
    on(vertx, () -> adapter.readTo(name, 0, length, out));
    return out.bytes().getBytes();
  }
}
