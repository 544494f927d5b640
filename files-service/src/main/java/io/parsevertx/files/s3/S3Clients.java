package io.parsevertx.files.s3;

import io.parsevertx.common.options.S3FilesOptions;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/** Builds the SDK's async S3 client (on its Netty HTTP client) from the adapter's options. */
final class S3Clients {

  private S3Clients() {}

  static AwsCredentialsProvider credentials(S3FilesOptions options) {
    if (options.accessKey() != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(),
          options.secretKey()));
    }
    // note: refreshed on the SDK's own thread, so a request never waits on the instance
    // metadata service or an STS call on the event loop once the first value is in
    return DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build();
  }

  static S3AsyncClient create(S3FilesOptions options, AwsCredentialsProvider credentials) {
    S3AsyncClientBuilder builder = S3AsyncClient.builder()
        .region(Region.of(options.region()))
        .credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .forcePathStyle(options.forcePathStyle())
        // note: S3-compatible stores (B2, older MinIO, Spaces) refuse the flexible checksums
        // the SDK would otherwise add to every upload
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (options.endpoint() != null) {
      builder.endpointOverride(URI.create(options.endpoint()));
    }
    return builder.build();
  }
}
