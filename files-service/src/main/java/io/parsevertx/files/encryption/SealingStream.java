package io.parsevertx.files.encryption;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A plaintext stream read as its sealed form ({@link FileCipher}): the header, then sealed
 * chunks. The source is read one buffer at a time and only when the consumer wants more and
 * nothing sealed is waiting, so memory stays at about one chunk whatever the file's size. The
 * AES work runs on worker threads; the last full chunk is held back until the source ends,
 * because only then is it known to be the last.
 */
final class SealingStream implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final Context context;
  private final FileCipher cipher;
  private final FileCipher.Header header;
  private final String name;
  private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
  private Buffer pending = Buffer.buffer();
  private long nextIndex;
  private long demand = Long.MAX_VALUE;
  private boolean sourceEnded;
  private boolean sealing;
  private boolean fetching;
  private boolean emitting;
  private boolean done;
  private Throwable failure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  SealingStream(ReadStream<Buffer> source, Context context, FileCipher cipher,
      FileCipher.Header header, String name) {
    this.source = source;
    this.context = context;
    this.cipher = cipher;
    this.header = header;
    this.name = name;
    ready.add(header.encode());
    source.pause();
    source.handler(this::received);
    source.endHandler(v -> {
      sourceEnded = true;
      fetching = false;
      seal();
    });
    source.exceptionHandler(this::fail);
  }

  private void received(Buffer data) {
    fetching = false;
    pending.appendBuffer(data);
    seal();
  }

  /**
   * Seals every chunk known to be complete (all but a last full one until the source ends),
   * one batch at a time, then emits.
   */
  private void seal() {
    if (sealing || failure != null) {
      return;
    }
    int size = header.chunkSize();
    int complete = sourceEnded ? (pending.length() + size - 1) / size
        : (pending.length() - 1) / size;
    boolean last = sourceEnded && !done;
    if (complete <= 0 && !last) {
      emit();
      return;
    }
    int count = Math.max(complete, 1);
    Buffer batch = pending;
    int used = Math.min(batch.length(), count * size);
    pending = batch.getBuffer(used, batch.length());
    long first = nextIndex;
    nextIndex += count;
    boolean finalBatch = sourceEnded;
    sealing = true;
    context.<List<Buffer>>executeBlocking(() -> {
      byte[] plain = batch.getBytes(0, used);
      List<Buffer> sealed = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int from = i * size;
        int length = Math.min(size, used - from);
        boolean isLast = finalBatch && i == count - 1;
        sealed.add(Buffer.buffer(cipher.seal(header, name, first + i, isLast, plain, from,
            length)));
      }
      return sealed;
    }, false).onComplete(result -> {
      sealing = false;
      if (result.failed()) {
        fail(result.cause());
        return;
      }
      ready.addAll(result.result());
      if (finalBatch) {
        done = true;
      }
      seal();
    });
  }

  private void emit() {
    if (emitting) {
      return;
    }
    emitting = true;
    try {
      while (demand > 0 && !ready.isEmpty() && handler != null && failure == null) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(ready.poll());
      }
    } finally {
      emitting = false;
    }
    if (failure != null) {
      return;
    }
    if (ready.isEmpty() && done) {
      Handler<Void> end = endHandler;
      endHandler = null;
      if (end != null) {
        end.handle(null);
      }
    } else if (ready.isEmpty() && demand > 0 && !sourceEnded && !sealing && !fetching) {
      fetching = true;
      source.fetch(1);
    }
  }

  private void fail(Throwable cause) {
    if (failure != null) {
      return;
    }
    failure = cause;
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null) {
      context.runOnContext(v -> emit());
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE
        : demand + amount;
    emit();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
