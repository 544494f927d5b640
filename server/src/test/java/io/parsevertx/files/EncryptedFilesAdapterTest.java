package io.parsevertx.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.files.encryption.EncryptedFilesAdapter;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.files.encryption.KeyRotation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AES-256-GCM at rest over the real adapters: round trips of sizes around the chunk boundaries,
 * byte ranges and tampering on the filesystem; key rotation, including an interrupted one, on
 * the filesystem and on GridFS.
 */
class EncryptedFilesAdapterTest {
  private static final int CHUNK = FileCipher.DEFAULT_CHUNK;
  @TempDir
  Path directory;
  private Vertx vertx;
  private FilesAdapter plain;
  private final FileCipher keyA = FileCipher.forKey("key-a");
  private final FileCipher keyB = FileCipher.forKey("key-b");

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    plain = new FilesystemAdapter(vertx, directory.resolve("files"));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private <T> T on(Callable<Future<T>> work) {
    return vertx.getOrCreateContext().<T>executeBlocking(() -> null, false)
        .compose(x -> {
          try {
            return work.call();
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        }).await();
  }

  /** The failure of the work, which must fail. */
  private Throwable failure(Callable<Future<?>> work) {
    try {
      on(work::call);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  private Future<FilesAdapter.StoredFile> store(FilesAdapter adapter, String name,
      byte[] bytes) {
    try {
      Path source = Files.createTempFile(directory, "up", ".bin");
      Files.write(source, bytes);
      return vertx.fileSystem().open(source.toString(), new OpenOptions().setRead(true))
          .compose(file -> adapter.create(name, "application/octet-stream", file,
              Long.MAX_VALUE));
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private byte[] read(FilesAdapter adapter, String name, long offset, long length) {
    BufferCollector out = new BufferCollector();
    on(() -> adapter.readTo(name, offset, length, out));
    return out.bytes().getBytes();
  }

  @Test
  void roundTripsAroundChunkBoundariesWithRanges() {
    EncryptedFilesAdapter sealed = new EncryptedFilesAdapter(vertx, plain, keyA);
    Random ranges = new Random(7);
    for (int size : new int[] {0, 1, 17, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK,
        3 * CHUNK + 5, 1_000_003}) {
      byte[] bytes = random(size, size);
      String name = "f" + size + ".bin";
      FilesAdapter.StoredFile stored = on(() -> store(sealed, name, bytes));
      assertEquals(size, stored.length());
      FilesAdapter.StoredFile found = on(() -> sealed.find(name));
      assertEquals(size, found.length(), "plaintext length of " + size);
      long raw = on(() -> plain.find(name)).length();
      assertEquals(FileCipher.HEADER + size + FileCipher.TAG * Math.max(1,
          (size + CHUNK - 1) / CHUNK), raw, "stored length");
      assertArrayEquals(bytes, read(sealed, name, 0, size), "whole file of " + size);
      assertFalse(containsPlaintext(read(plain, name, 0, raw), bytes), "stored sealed");
      for (int i = 0; i < 6 && size > 0; i++) {
        int from = ranges.nextInt(size);
        int length = 1 + ranges.nextInt(size - from);
        assertArrayEquals(Arrays.copyOfRange(bytes, from, from + length),
            read(sealed, name, from, length), "range " + from + "+" + length + " of " + size);
      }
    }
  }

  private static boolean containsPlaintext(byte[] stored, byte[] plain) {
    if (plain.length < 32) {
      return false;
    }
    byte[] probe = Arrays.copyOfRange(plain, 0, 32);
    for (int i = 0; i + probe.length <= stored.length; i++) {
      if (Arrays.equals(stored, i, i + probe.length, probe, 0, probe.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aChangedCutOrMovedFileFailsWithoutServingItsChunk() throws IOException {
    EncryptedFilesAdapter sealed = new EncryptedFilesAdapter(vertx, plain, keyA);
    byte[] bytes = random(3 * CHUNK + 100, 1);
    on(() -> store(sealed, "t.bin", bytes));
    Path file = directory.resolve("files/t.bin");
    byte[] stored = Files.readAllBytes(file);
    byte[] changed = stored.clone();
    changed[(int) (FileCipher.HEADER + CHUNK + FileCipher.TAG + 10)] ^= 1; // chunk 1
    Files.write(file, changed);
    BufferCollector out = new BufferCollector();
    assertInstanceOf(FileCipher.TamperedException.class,
        failure(() -> sealed.readTo("t.bin", 0, bytes.length, out)));
    assertTrue(out.bytes().length() <= CHUNK, "nothing past the intact first chunk");
    assertArrayEquals(Arrays.copyOfRange(bytes, 0, out.bytes().length()), out.bytes().getBytes());
    // cut at a chunk boundary: the new last chunk was not sealed as the last
    Files.write(file, Arrays.copyOf(stored, (int) (FileCipher.HEADER + 2L * (CHUNK
        + FileCipher.TAG))));
    assertInstanceOf(FileCipher.TamperedException.class, failure(() -> sealed.readTo("t.bin",
        0, 2L * CHUNK, new BufferCollector())));
    // another file's chunks under this name
    Files.write(file, stored);
    on(() -> store(sealed, "u.bin", bytes));
    Files.copy(directory.resolve("files/u.bin"), file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertInstanceOf(FileCipher.TamperedException.class, failure(() -> sealed.readTo("t.bin",
        0, 10, new BufferCollector())));
    // the wrong key
    EncryptedFilesAdapter wrongKey = new EncryptedFilesAdapter(vertx, plain, keyB);
    assertInstanceOf(FileCipher.TamperedException.class, failure(() -> wrongKey.readTo(
        "u.bin", 0, 10, new BufferCollector())));
  }

  /** The stored bytes on each adapter encryption applies to. */
  private void storedIn(String adapter) {
    if (adapter.equals("gridfs")) {
      plain = new GridFsAdapter(io.vertx.ext.mongo.MongoClient.create(vertx,
          new io.vertx.core.json.JsonObject().put("connection_string",
              io.parsevertx.testing.TestServers.mongoUri())));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"filesystem", "gridfs"})
  void rotatesFromPlainToKeyToKeyToPlain(String adapter) {
    storedIn(adapter);
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] bytes = random(50_000 * i + 3, i);
      String name = "r" + i + ".bin";
      on(() -> store(plain, name, bytes));
      names.add(name);
      contents.add(bytes);
    }
    assertEquals(names, on(plain::names));
    KeyRotation.Result toA = on(() -> new KeyRotation(vertx, plain, null, keyA)
        .rotate(names, line -> { }));
    assertEquals(names, toA.rotated());
    assertAll(new EncryptedFilesAdapter(vertx, plain, keyA), names, contents, true);
    KeyRotation.Result toB = on(() -> new KeyRotation(vertx, plain, keyA, keyB)
        .rotate(names, line -> { }));
    assertEquals(names, toB.rotated());
    assertAll(new EncryptedFilesAdapter(vertx, plain, keyB), names, contents, true);
    // a key that opens nothing here
    KeyRotation.Result wrong = on(() -> new KeyRotation(vertx, plain, keyA,
        FileCipher.forKey("key-c")).rotate(names, line -> { }));
    assertEquals(names, wrong.notRotated());
    KeyRotation.Result toPlain = on(() -> new KeyRotation(vertx, plain, keyB, null)
        .rotate(names, line -> { }));
    assertEquals(names, toPlain.rotated());
    assertAll(plain, names, contents, false);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"filesystem", "gridfs"})
  void anInterruptedRotationFinishesWhenRunAgain(String adapter) {
    storedIn(adapter);
    EncryptedFilesAdapter sealedA = new EncryptedFilesAdapter(vertx, plain, keyA);
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] bytes = random(70_000 + i, 10 + i);
      String name = "i" + i + ".bin";
      on(() -> store(sealedA, name, bytes));
      names.add(name);
      contents.add(bytes);
    }
    List<String> progress = new ArrayList<>();
    Throwable interrupted = failure(() -> new KeyRotation(vertx, plain, keyA, keyB)
        .rotate(names, line -> {
          progress.add(line);
          if (progress.size() == 3) {
            throw new IllegalStateException("stopped");
          }
        }));
    assertEquals("stopped", interrupted.getMessage());
    // half done: some files under B, the rest still under A, none lost
    EncryptedFilesAdapter sealedB = new EncryptedFilesAdapter(vertx, plain, keyB);
    assertArrayEquals(contents.get(0), read(sealedB, names.get(0), 0, contents.get(0).length));
    assertArrayEquals(contents.get(5), read(sealedA, names.get(5), 0, contents.get(5).length));
    List<String> again = new ArrayList<>();
    KeyRotation.Result rerun = on(() -> new KeyRotation(vertx, plain, keyA, keyB)
        .rotate(names, again::add));
    assertEquals(names, rerun.rotated());
    assertTrue(rerun.notRotated().isEmpty());
    assertTrue(again.get(0).endsWith(" already"), again.toString());
    assertTrue(again.get(5).endsWith(" rotated"), again.toString());
    assertAll(sealedB, names, contents, true);
  }

  private void assertAll(FilesAdapter adapter, List<String> names, List<byte[]> contents,
      boolean sealedOnDisk) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      byte[] expected = contents.get(i);
      assertEquals(expected.length, on(() -> adapter.find(name)).length());
      assertArrayEquals(expected, read(adapter, name, 0, expected.length), name);
      long raw = on(() -> plain.find(name)).length();
      if (sealedOnDisk) {
        assertNotEquals(expected.length, raw, name + " stored sealed");
      } else {
        assertEquals(expected.length, raw, name + " stored plain");
      }
    }
  }
}
