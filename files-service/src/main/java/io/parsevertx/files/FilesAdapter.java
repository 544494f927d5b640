package io.parsevertx.files;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Where files live. An adapter stores a stream under a name without holding it in memory,
 * streams it (or a byte range of it) back, and deletes it. Built in: the filesystem and
 * MongoDB's GridFS.
 */
public interface FilesAdapter {

  /**
   * A stored file's description.
   *
   * @param adapterState what the adapter learned while finding the file, handed back to
   *     {@link #readTo(StoredFile, long, long, WriteStream)} so it is not looked up again; null
   *     when there is nothing to keep
   */
  record StoredFile(String name, String contentType, long length, String etag,
      Object adapterState) {
    public StoredFile(String name, String contentType, long length, String etag) {
      this(name, contentType, length, etag, null);
    }
  }

  /**
   * Stores {@code body} under {@code name}.
   *
   * <p>A file already stored under the name is replaced once the new one is complete.
   *
   * @param maxBytes the upload limit; beyond it the write stops, nothing is kept, and the
   *     future fails with a {@link TooLarge}
   */
  Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes);

  /** @return the file, or null when there is none */
  Future<StoredFile> find(String name);

  /**
   * Writes {@code length} bytes from {@code offset} to {@code out}, respecting its
   * back-pressure, without ending it.
   */
  Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out);

  /** As {@link #readTo(String, long, long, WriteStream)}, for a file {@link #find} returned. */
  default Future<Void> readTo(StoredFile file, long offset, long length,
      WriteStream<Buffer> out) {
    return readTo(file.name(), offset, length, out);
  }

  /** @return whether there was such a file */
  Future<Boolean> delete(String name);

  /** The names of every stored file, for maintenance such as a key rotation. */
  default Future<java.util.List<String>> names() {
    return Future.failedFuture(new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot list its files"));
  }

  /** An upload over the limit. */
  final class TooLarge extends RuntimeException {
    public TooLarge() {
      super("upload too large", null, false, false);
    }
  }
}
