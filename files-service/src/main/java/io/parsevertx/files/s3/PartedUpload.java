package io.parsevertx.files.s3;

import io.parsevertx.files.FilesAdapter.TooLarge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One upload of a stream of unknown length to one object. The stream is read into a part of
 * {@link #PART_SIZE} at a time and paused while that part goes to S3, so an upload holds at
 * most one part in memory whatever its size: a body that ends within the first part is one
 * PutObject, a longer one a multipart upload. Over the byte limit, or when the body breaks, the
 * multipart upload is aborted before the failure is reported, so nothing is kept. Runs on the
 * Vert.x context it was made on; the SDK's completions are brought back to it.
 */
final class PartedUpload {
  /** Above S3's 5 MiB minimum for every part but the last. */
  static final int PART_SIZE = 8 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(PartedUpload.class);

  /** What was stored. */
  record Result(long length, String etag) {}

  private final Context context;
  private final S3AsyncClient s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final String cacheControl;
  private final long maxBytes;
  private final Promise<Result> done = Promise.promise();
  private final List<CompletedPart> parts = new ArrayList<>();
  private Buffer pending = Buffer.buffer();
  private long length;
  private Future<String> uploadId;
  private Future<Void> sending = Future.succeededFuture();
  private boolean stopped;

  PartedUpload(Context context, S3AsyncClient s3, String bucket, String key, String contentType,
      String cacheControl, long maxBytes) {
    this.context = context;
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
    this.cacheControl = cacheControl;
    this.maxBytes = maxBytes;
  }

  Future<Result> from(ReadStream<Buffer> body) {
    body.exceptionHandler(e -> fail(body, e));
    body.handler(chunk -> {
      length += chunk.length();
      if (length > maxBytes) {
        fail(body, new TooLarge());
        return;
      }
      pending.appendBuffer(chunk);
      if (pending.length() >= PART_SIZE) {
        body.pause();
        Buffer part = pending;
        pending = Buffer.buffer();
        Future<Void> sent = sending.compose(v -> sendPart(part));
        sending = sent;
        // note: chunks already on their way may queue another part; the last one resumes
        sent.onSuccess(v -> {
          if (sending == sent) {
            body.resume();
          }
        }).onFailure(e -> fail(body, e));
      }
    });
    body.endHandler(v -> {
      if (!stopped) {
        finish().onSuccess(done::tryComplete).onFailure(done::tryFail);
      }
    });
    body.resume();
    return done.future();
  }

  private Future<String> uploadId() {
    if (uploadId == null) {
      uploadId = S3Futures.on(context, s3.createMultipartUpload(CreateMultipartUploadRequest
              .builder().bucket(bucket).key(key).contentType(contentType)
              .cacheControl(cacheControl).build()))
          .map(response -> response.uploadId());
    }
    return uploadId;
  }

  private Future<Void> sendPart(Buffer part) {
    int number = parts.size() + 1;
    return uploadId().compose(id -> S3Futures.on(context, s3.uploadPart(UploadPartRequest
            .builder().bucket(bucket).key(key).uploadId(id).partNumber(number)
            .contentLength((long) part.length()).build(),
        AsyncRequestBody.fromBytesUnsafe(part.getBytes()))))
        .map(response -> {
          parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
          return null;
        });
  }

  private Future<Result> finish() {
    if (uploadId == null) {
      Buffer whole = pending;
      return S3Futures.on(context, s3.putObject(PutObjectRequest.builder().bucket(bucket)
              .key(key).contentType(contentType).cacheControl(cacheControl)
              .contentLength((long) whole.length()).build(),
          AsyncRequestBody.fromBytesUnsafe(whole.getBytes())))
          .map(response -> new Result(length, response.eTag()));
    }
    Buffer last = pending;
    return sending.compose(v -> last.length() > 0 ? sendPart(last) : Future.succeededFuture())
        .compose(v -> uploadId)
        .compose(id -> S3Futures.on(context, s3.completeMultipartUpload(
            CompleteMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(id)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                .build())))
        .map(response -> new Result(length, response.eTag()))
        .recover(e -> abort().transform(x -> Future.failedFuture(e)));
  }

  /** Stops reading, drops what S3 holds of the upload, then reports {@code cause}. */
  private void fail(ReadStream<Buffer> body, Throwable cause) {
    if (stopped) {
      return;
    }
    stopped = true;
    body.handler(null);
    body.endHandler(null);
    body.exceptionHandler(null);
    pending = Buffer.buffer();
    abort().onComplete(x -> done.tryFail(cause));
  }

  private Future<Void> abort() {
    if (uploadId == null) {
      return Future.succeededFuture();
    }
    // note: a part still on its way would outlive an abort sent before it lands
    return sending.transform(x -> uploadId).transform(id -> id.failed()
        ? Future.<Void>succeededFuture()
        : S3Futures.on(context, s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
            .bucket(bucket).key(key).uploadId(id.result()).build()))
            .onSuccess(r -> LOG.info("event=s3_upload_aborted bucket={} key={} parts={}",
                bucket, key, parts.size()))
            .onFailure(e -> LOG.warn("event=s3_abort_failed bucket={} key={} reason={}",
                bucket, key, e.toString()))
            .<Void>mapEmpty()
            .recover(e -> Future.succeededFuture()));
  }
}
