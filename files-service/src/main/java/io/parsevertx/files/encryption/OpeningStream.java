package io.parsevertx.files.encryption;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Takes the stored bytes of whole chunks of a sealed file and writes the plaintext of one byte
 * range of it to {@code out}. A chunk's plaintext is written only after its tag checked out, so
 * a changed file fails the write (and with it the download) without a changed byte reaching
 * {@code out}. The AES work runs on worker threads, one batch at a time.
 */
final class OpeningStream implements WriteStream<Buffer> {
  private static final int MAX_QUEUED = 2;
  private final WriteStream<Buffer> out;
  private final Context context;
  private final FileCipher cipher;
  private final FileCipher.Header header;
  private final String name;
  private final long lastIndex;
  private final long lastChunkLength;
  private long index;
  private long skip;
  private long remaining;
  private Buffer pending = Buffer.buffer();
  private Future<Void> tail = Future.succeededFuture();
  private int queued;
  private Handler<Void> drainHandler;

  /**
   * @param firstIndex the chunk the stored bytes written here start with
   * @param skip plaintext bytes of that chunk before the range
   * @param length plaintext bytes of the range
   * @param storedLength the whole stored file's length, which tells where the last chunk is
   */
  OpeningStream(WriteStream<Buffer> out, Context context, FileCipher cipher,
      FileCipher.Header header, String name, long firstIndex, long skip, long length,
      long storedLength) {
    this.out = out;
    this.context = context;
    this.cipher = cipher;
    this.header = header;
    this.name = name;
    this.index = firstIndex;
    this.skip = skip;
    this.remaining = length;
    this.lastIndex = header.chunksOfSealed(storedLength) - 1;
    this.lastChunkLength = storedLength - header.chunkOffset(lastIndex);
  }

  private long storedChunkLength(long chunk) {
    return chunk == lastIndex ? lastChunkLength : header.chunkSize() + FileCipher.TAG;
  }

  @Override
  public Future<Void> write(Buffer data) {
    pending.appendBuffer(data);
    queued++;
    tail = tail.compose(v -> openComplete()).andThen(done -> {
      queued--;
      maybeDrain();
    });
    return tail;
  }

  /** Opens the chunks that are complete in {@code pending} and writes their part of the range. */
  private Future<Void> openComplete() {
    int chunks = 0;
    long bytes = 0;
    while (index + chunks <= lastIndex
        && pending.length() - bytes >= storedChunkLength(index + chunks)) {
      bytes += storedChunkLength(index + chunks);
      chunks++;
    }
    if (chunks == 0 || remaining <= 0) {
      return Future.succeededFuture();
    }
    int total = (int) bytes;
    Buffer batch = pending.getBuffer(0, total);
    pending = pending.getBuffer(total, pending.length());
    long first = index;
    int count = chunks;
    index += chunks;
    return context.<Buffer>executeBlocking(() -> {
      Buffer plain = Buffer.buffer(total);
      byte[] stored = batch.getBytes();
      int at = 0;
      for (int i = 0; i < count; i++) {
        long chunk = first + i;
        int length = (int) storedChunkLength(chunk);
        plain.appendBytes(cipher.open(header, name, chunk, chunk == lastIndex, stored, at,
            length));
        at += length;
      }
      return plain;
    }, false).compose(plain -> {
      int from = (int) Math.min(skip, plain.length());
      skip -= from;
      int to = (int) Math.min(plain.length(), from + remaining);
      remaining -= to - from;
      return to > from ? out.write(plain.getBuffer(from, to)) : Future.succeededFuture();
    });
  }

  /**
   * Completes when every chunk written so far is opened and passed on, and fails when the
   * stored bytes ended before the range did.
   */
  Future<Void> finished() {
    return tail.compose(v -> remaining > 0
        ? Future.failedFuture(new FileCipher.TamperedException(name, index))
        : Future.succeededFuture());
  }

  /**
   * Tells the writer to go on once neither a batch in flight nor {@code out} holds it back;
   * while {@code out} is full, its own drain brings us back here.
   */
  private void maybeDrain() {
    if (drainHandler == null || queued >= MAX_QUEUED) {
      return; // note: a batch completing calls again
    }
    if (out.writeQueueFull()) {
      out.drainHandler(v -> maybeDrain());
      return;
    }
    Handler<Void> handler = drainHandler;
    drainHandler = null;
    handler.handle(null);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    out.exceptionHandler(handler);
    return this;
  }

  @Override
  public Future<Void> end() {
    return tail; // note: the caller ends the response
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return queued >= MAX_QUEUED || out.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    if (queued < MAX_QUEUED && out.writeQueueFull()) {
      out.drainHandler(v -> maybeDrain());
    }
    return this;
  }
}
