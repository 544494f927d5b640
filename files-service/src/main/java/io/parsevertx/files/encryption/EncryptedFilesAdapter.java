package io.parsevertx.files.encryption;

import io.parsevertx.files.BufferCollector;
import io.parsevertx.files.FilesAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Encryption at rest over another adapter ({@code encryptionKey}): files are sealed as they are
 * uploaded and opened as they are served, in {@link FileCipher}'s chunks, so neither side ever
 * holds a whole file. Files stored before encryption was turned on (no header) are served as
 * they are; {@link KeyRotation} seals them.
 */
public final class EncryptedFilesAdapter implements FilesAdapter {
  private final FilesAdapter stored;
  private final FileCipher cipher;
  private final Vertx vertx;

  public EncryptedFilesAdapter(Vertx vertx, FilesAdapter stored, FileCipher cipher) {
    this.vertx = vertx;
    this.stored = stored;
    this.cipher = cipher;
  }

  @Override
  public Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes) {
    FileCipher.Header header = FileCipher.Header.fresh();
    SealingStream sealed = new SealingStream(body, vertx.getOrCreateContext(), cipher, header,
        name);
    long limit = maxBytes >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : header.sealedLength(maxBytes);
    return stored.create(name, contentType, sealed, limit).map(file -> new StoredFile(name,
        contentType, header.plainLength(file.length()), file.etag()));
  }

  /** What {@link #find} learned: the header (null when stored unencrypted) and stored size. */
  private record Found(FileCipher.Header header, StoredFile stored) {}

  @Override
  public Future<StoredFile> find(String name) {
    return stored.find(name).compose(file -> file == null ? Future.succeededFuture(null)
        : header(name, file).map(header -> new StoredFile(name, file.contentType(),
            header == null ? file.length() : Math.max(0, header.plainLength(file.length())),
            file.etag(), new Found(header, file))));
  }

  @Override
  public Future<Void> readTo(StoredFile file, long offset, long length,
      WriteStream<Buffer> out) {
    return file.adapterState() instanceof Found found
        ? readFound(file.name(), found, offset, length, out)
        : readTo(file.name(), offset, length, out);
  }

  @Override
  public Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out) {
    return find(name).compose(file -> file == null
        ? Future.failedFuture(new IllegalStateException("no file " + name))
        : readTo(file, offset, length, out));
  }

  private Future<Void> readFound(String name, Found found, long offset, long length,
      WriteStream<Buffer> out) {
    if (length <= 0) {
      return Future.succeededFuture();
    }
    FileCipher.Header header = found.header();
    if (header == null) {
      return stored.readTo(found.stored(), offset, length, out);
    }
    long storedLength = found.stored().length();
    long first = offset / header.chunkSize();
    long last = (offset + length - 1) / header.chunkSize();
    long from = header.chunkOffset(first);
    long to = Math.min(header.chunkOffset(last + 1), storedLength);
    OpeningStream opening = new OpeningStream(out, vertx.getOrCreateContext(), cipher, header,
        name, first, offset - first * header.chunkSize(), length, storedLength);
    return stored.readTo(found.stored(), from, to - from, opening)
        .compose(v -> opening.finished());
  }

  @Override
  public Future<Boolean> delete(String name) {
    return stored.delete(name);
  }

  /** The file's header, or null when it was stored unencrypted. */
  Future<FileCipher.Header> header(String name, StoredFile file) {
    return headerOf(stored, name, file);
  }

  static Future<FileCipher.Header> headerOf(FilesAdapter adapter, String name,
      StoredFile file) {
    if (file.length() < FileCipher.HEADER) {
      return Future.succeededFuture(null);
    }
    BufferCollector collector = new BufferCollector();
    return adapter.readTo(file, 0, FileCipher.HEADER, collector)
        .map(v -> FileCipher.Header.parse(collector.bytes()));
  }
}
