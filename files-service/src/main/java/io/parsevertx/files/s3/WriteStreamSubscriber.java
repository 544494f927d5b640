package io.parsevertx.files.s3;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Writes what the SDK publishes (on its threads) to a Vert.x stream on that stream's context,
 * asking for the next chunk only while the stream can take it, so a slow client slows the S3
 * download instead of filling memory. A failed write cancels the download.
 */
final class WriteStreamSubscriber implements Subscriber<ByteBuffer> {
  private final Context context;
  private final WriteStream<Buffer> out;
  private final Promise<Void> done = Promise.promise();
  private Subscription subscription;

  WriteStreamSubscriber(Context context, WriteStream<Buffer> out) {
    this.context = context;
    this.out = out;
  }

  Future<Void> done() {
    return done.future();
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    this.subscription = subscription;
    context.runOnContext(v -> {
      out.exceptionHandler(this::stop);
      subscription.request(1);
    });
  }

  @Override
  public void onNext(ByteBuffer bytes) {
    // note: copied here, since the SDK may reuse its buffer once onNext returns
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    context.runOnContext(v -> write(Buffer.buffer(copy)));
  }

  private void write(Buffer chunk) {
    if (done.future().isComplete()) {
      return;
    }
    out.write(chunk).onFailure(this::stop);
    if (out.writeQueueFull()) {
      out.drainHandler(v -> {
        out.drainHandler(null);
        subscription.request(1);
      });
    } else {
      subscription.request(1);
    }
  }

  private void stop(Throwable cause) {
    if (done.tryFail(cause)) {
      subscription.cancel();
    }
  }

  @Override
  public void onError(Throwable error) {
    context.runOnContext(v -> done.tryFail(S3Futures.unwrap(error)));
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> {
      out.exceptionHandler(null);
      done.tryComplete();
    });
  }
}
