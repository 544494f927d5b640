package io.parsevertx.files.encryption;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;

/**
 * What is written to {@link #sink()} is read from {@link #source()}, a few buffers at most in
 * between: the writer is told to wait while the reader is behind. Used where an adapter's
 * output (a write stream) must feed another adapter's input (a read stream), as in a rotation.
 * Used on one event-loop context.
 */
final class StreamPipe {
  private static final int HIGH_WATER = 4;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean emitting;
  /** The writer was told to wait; the drain handler is due once there is room again. */
  private boolean full;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;
  private final Sink sink = new Sink();
  private final Source source = new Source();

  WriteStream<Buffer> sink() {
    return sink;
  }

  ReadStream<Buffer> source() {
    return source;
  }

  /** Ends the read side with {@code cause}, as when the writer failed. */
  void fail(Throwable cause) {
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  private void emit() {
    if (emitting) {
      return;
    }
    emitting = true;
    try {
      while (demand > 0 && handler != null && !queue.isEmpty()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(queue.poll());
      }
    } finally {
      emitting = false;
    }
    if (full && queue.size() < HIGH_WATER) {
      full = false;
      if (drainHandler != null) {
        drainHandler.handle(null);
      }
    }
    if (queue.isEmpty() && ended && endHandler != null) {
      Handler<Void> end = endHandler;
      endHandler = null;
      end.handle(null);
    }
  }

  private final class Sink implements WriteStream<Buffer> {
    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      queue.add(data);
      emit();
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended = true;
      emit();
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      if (queue.size() >= HIGH_WATER) {
        full = true;
      }
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      drainHandler = handler;
      return this;
    }
  }

  private final class Source implements ReadStream<Buffer> {
    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      exceptionHandler = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> newHandler) {
      handler = newHandler;
      emit();
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
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
      endHandler = handler;
      emit();
      return this;
    }
  }
}
