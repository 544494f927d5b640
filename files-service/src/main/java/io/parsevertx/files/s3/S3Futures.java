package io.parsevertx.files.s3;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The SDK's futures, which complete on its threads, brought back to a Vert.x context. */
final class S3Futures {

  private S3Futures() {}

  static <T> Future<T> on(Context context, CompletableFuture<T> sdk) {
    return Future.fromCompletionStage(sdk, context)
        .recover(e -> Future.failedFuture(unwrap(e)));
  }

  static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Whether the object (or the bucket) is not there. */
  static boolean notFound(Throwable e) {
    Throwable cause = unwrap(e);
    return cause instanceof NoSuchKeyException
        || cause instanceof S3Exception s3 && s3.statusCode() == 404;
  }
}
