package io.parsevertx.files.encryption;

import io.parsevertx.files.BufferCollector;
import io.parsevertx.files.FilesAdapter;
import io.parsevertx.files.FilesAdapter.StoredFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Re-encrypts stored files: to a new key, from an old key, from unencrypted, or back to
 * unencrypted ({@code to} null). Each file is streamed through the two ciphers and stored again
 * under its name, which both adapters replace only once the new copy is complete, so an
 * interrupted rotation loses nothing. A file already under the target key (or already
 * unencrypted when that is the target) counts as rotated without being touched, so running the
 * same rotation again finishes what an interrupted one left.
 */
public final class KeyRotation {
  private final Vertx vertx;
  private final FilesAdapter stored;
  private final FileCipher from;
  private final FileCipher to;

  /**
   * @param stored the adapter as it stores bytes (not through {@link EncryptedFilesAdapter})
   * @param from the key files are under now, or null for unencrypted files only
   * @param to the key to put them under, or null to store them unencrypted
   */
  public KeyRotation(Vertx vertx, FilesAdapter stored, FileCipher from, FileCipher to) {
    this.vertx = vertx;
    this.stored = stored;
    this.from = from;
    this.to = to;
  }

  /** The outcome: names rotated (or already in place) and names that could not be. */
  public record Result(List<String> rotated, List<String> notRotated) {}

  /**
   * Rotates {@code names} one after another.
   *
   * @param progress told {@code "<name> rotated|already|notRotated (<reason>)"} per file
   */
  public Future<Result> rotate(List<String> names, Consumer<String> progress) {
    List<String> rotated = new ArrayList<>();
    List<String> notRotated = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain = chain.compose(v -> rotateOne(name).transform(outcome -> {
        if (outcome.succeeded()) {
          rotated.add(name);
          progress.accept(name + " " + outcome.result());
        } else {
          notRotated.add(name);
          progress.accept(name + " notRotated (" + outcome.cause().getMessage() + ")");
        }
        return Future.succeededFuture();
      }));
    }
    return chain.map(v -> new Result(rotated, notRotated));
  }

  /** @return "rotated" or "already" */
  private Future<String> rotateOne(String name) {
    return stored.find(name).compose(file -> {
      if (file == null) {
        return Future.failedFuture("no such file");
      }
      return EncryptedFilesAdapter.headerOf(stored, name, file)
          .compose(header -> header == null ? Future.succeededFuture((FileCipher) null)
              : keyOf(name, file, header))
          .compose(current -> {
            boolean plain = current == null;
            if (plain && to == null || !plain && current == to) {
              return Future.succeededFuture("already");
            }
            return copy(name, file, plain ? stored
                : new EncryptedFilesAdapter(vertx, stored, current)).map("rotated");
          });
    });
  }

  /** Which of the two keys opens the file: {@code to} (already rotated) or {@code from}. */
  private Future<FileCipher> keyOf(String name, StoredFile file, FileCipher.Header header) {
    long chunks = header.chunksOfSealed(file.length());
    long firstLength = Math.min(header.chunkSize() + FileCipher.TAG,
        file.length() - FileCipher.HEADER);
    BufferCollector first = new BufferCollector();
    return stored.readTo(name, FileCipher.HEADER, firstLength, first).compose(v -> {
      byte[] bytes = first.bytes().getBytes();
      for (FileCipher candidate : new FileCipher[] {to, from}) {
        if (candidate != null && opens(candidate, header, name, bytes, chunks == 1)) {
          return Future.succeededFuture(candidate);
        }
      }
      return Future.failedFuture("encrypted with another key");
    });
  }

  private static boolean opens(FileCipher cipher, FileCipher.Header header, String name,
      byte[] chunk, boolean last) {
    try {
      cipher.open(header, name, 0, last, chunk, 0, chunk.length);
      return true;
    } catch (FileCipher.TamperedException e) {
      return false;
    }
  }

  /** Streams the file's plaintext out of {@code source} into a new copy under {@code to}. */
  private Future<Void> copy(String name, StoredFile file, FilesAdapter source) {
    FilesAdapter target = to == null ? stored : new EncryptedFilesAdapter(vertx, stored, to);
    return source.find(name).compose(plain -> {
      StreamPipe pipe = new StreamPipe();
      Future<StoredFile> written = target.create(name, file.contentType(), pipe.source(),
          Long.MAX_VALUE);
      Future<Void> read = source.readTo(plain, 0, plain.length(), pipe.sink())
          .compose(v -> pipe.sink().end())
          .onFailure(pipe::fail);
      return Future.all(read, written).<Void>mapEmpty();
    });
  }
}
