package io.parsevertx.files.s3;

import io.parsevertx.common.options.S3FilesOptions;
import io.parsevertx.files.FilesAdapter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.net.URLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Files as objects in an S3 bucket (AWS, or an S3-compatible store at {@code endpoint}), keyed
 * {@code <bucketPrefix><name>} as Parse Server's S3 adapter keys them, so its files are served
 * unchanged. The object carries the content type and {@code globalCacheControl}; its length and
 * ETag come from HeadObject. Uploads go in parts ({@link PartedUpload}), downloads stream a
 * ranged GetObject with the client's back-pressure ({@link WriteStreamSubscriber}).
 */
public final class S3FilesAdapter implements FilesAdapter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3FilesAdapter.class);
  private final Vertx vertx;
  private final S3FilesOptions options;
  private final AwsCredentialsProvider credentials;
  private final S3AsyncClient s3;

  private S3FilesAdapter(Vertx vertx, S3FilesOptions options,
      AwsCredentialsProvider credentials, S3AsyncClient s3) {
    this.vertx = vertx;
    this.options = options;
    this.credentials = credentials;
    this.s3 = s3;
  }

  /**
   * An adapter on a new client. The bucket is checked in the background: an unreachable one is
   * logged, not fatal, since the store may come up after the server.
   */
  public static S3FilesAdapter create(Vertx vertx, S3FilesOptions options) {
    AwsCredentialsProvider credentials = S3Clients.credentials(options);
    S3FilesAdapter adapter = new S3FilesAdapter(vertx, options, credentials,
        S3Clients.create(options, credentials));
    LOG.info("event=files_adapter adapter=s3 {}", options);
    adapter.checkBucket();
    return adapter;
  }

  private void checkBucket() {
    Context context = vertx.getOrCreateContext();
    // note: the first resolution of the default chain may call a metadata service; on a worker
    // it never holds up an event loop
    vertx.executeBlocking(() -> credentials.resolveCredentials())
        .compose(resolved -> S3Futures.on(context, s3.headBucket(HeadBucketRequest.builder()
            .bucket(options.bucket()).build())))
        .onSuccess(r -> LOG.info("event=s3_bucket_ready bucket={}", options.bucket()))
        .onFailure(e -> LOG.warn("event=s3_bucket_unreachable bucket={} reason={}",
            options.bucket(), S3Futures.unwrap(e).toString()));
  }

  private String key(String name) {
    return options.key(name);
  }

  @Override
  public Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes) {
    return logged("upload", name, new PartedUpload(vertx.getOrCreateContext(), s3,
        options.bucket(), key(name), contentType, options.globalCacheControl(), maxBytes)
        .from(body)
        .map(stored -> new StoredFile(name, contentType, stored.length(), stored.etag())));
  }

  @Override
  public Future<StoredFile> find(String name) {
    return logged("head", name, S3Futures.on(vertx.getOrCreateContext(),
            s3.headObject(HeadObjectRequest.builder().bucket(options.bucket()).key(key(name))
                .build())))
        .map(head -> {
          String type = head.contentType();
          if (type == null) {
            type = URLConnection.guessContentTypeFromName(name);
          }
          return new StoredFile(name, type == null ? "application/octet-stream" : type,
              head.contentLength(), head.eTag());
        })
        .recover(e -> S3Futures.notFound(e) ? Future.succeededFuture(null)
            : Future.failedFuture(e));
  }

  @Override
  public Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out) {
    Context context = vertx.getOrCreateContext();
    GetObjectRequest ranged = GetObjectRequest.builder().bucket(options.bucket())
        .key(key(name)).range("bytes=" + offset + "-" + (offset + length - 1)).build();
    return logged("get", name, S3Futures.on(context, s3.getObject(ranged,
            AsyncResponseTransformer.toPublisher())))
        .compose(published -> {
          WriteStreamSubscriber subscriber = new WriteStreamSubscriber(context, out);
          published.subscribe(subscriber);
          return subscriber.done();
        });
  }

  @Override
  public Future<Boolean> delete(String name) {
    Context context = vertx.getOrCreateContext();
    // note: DeleteObject succeeds for a missing key too; the head tells whether there was one
    return find(name).compose(found -> found == null ? Future.succeededFuture(false)
        : logged("delete", name, S3Futures.on(context, s3.deleteObject(DeleteObjectRequest
            .builder().bucket(options.bucket()).key(key(name)).build()))).map(true));
  }

  /** Every object under {@code bucketPrefix}, by file name, a page (1,000 keys) at a time. */
  @Override
  public Future<java.util.List<String>> names() {
    java.util.List<String> names = new java.util.ArrayList<>();
    return page(vertx.getOrCreateContext(), null, names).map(v -> {
      names.sort(null);
      return names;
    });
  }

  private Future<Void> page(Context context, String token, java.util.List<String> names) {
    String prefix = key("");
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
        .bucket(options.bucket()).prefix(prefix.isEmpty() ? null : prefix);
    if (token != null) {
      request.continuationToken(token);
    }
    return logged("list", prefix, S3Futures.on(context, s3.listObjectsV2(request.build())))
        .compose(listed -> {
          listed.contents().forEach(object -> names.add(object.key().substring(prefix.length())));
          return Boolean.TRUE.equals(listed.isTruncated())
              ? page(context, listed.nextContinuationToken(), names) : Future.succeededFuture();
        });
  }

  /** Logs a failure S3 gave (not a missing object, not an upload over the limit). */
  private <T> Future<T> logged(String operation, String name, Future<T> request) {
    return request.onFailure(e -> {
      if (!(e instanceof TooLarge) && !S3Futures.notFound(e)) {
        LOG.warn("event=s3_request_failed op={} bucket={} key={} reason={}", operation,
            options.bucket(), key(name), S3Futures.unwrap(e).toString());
      }
    });
  }

  /** Closes the client and its connections; blocking, so call it off the event loop. */
  @Override
  public void close() {
    s3.close();
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("event=s3_credentials_close_failed reason={}", e.toString());
      }
    }
  }
}
