package io.parsevertx.common.options;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code filesAdapter} option when it names the S3 adapter, read as Parse Server's
 * {@code @parse/s3-files-adapter} reads it: {@code {"module": "s3", "options": {bucket, ...}}}.
 * Lives in common because two services need it: files-service stores through it and
 * data-service writes file URLs that, with {@code directAccess}, point at the bucket.
 *
 * @param bucket the bucket (required)
 * @param bucketPrefix prepended to every object key, e.g. {@code "uploads/"}
 * @param region the signing region ({@code us-east-1} when not given)
 * @param directAccess file URLs point at the object instead of this server
 * @param baseUrl with {@code directAccess}, where objects are served from (a CDN), else null
 * @param baseUrlDirect {@code baseUrl} already includes the prefix: only the name is appended
 * @param globalCacheControl the {@code Cache-Control} stored on every object, or null
 * @param endpoint an S3-compatible store (Spaces, B2, Linode, MinIO), or null for AWS
 * @param forcePathStyle {@code <endpoint>/<bucket>/<key>} addressing; true with an endpoint
 * @param accessKey with {@code secretKey}: static credentials; null for the SDK's default chain
 * @param secretKey never logged; {@link #toString()} leaves it out
 */
public record S3FilesOptions(String bucket, String bucketPrefix, String region,
    boolean directAccess, String baseUrl, boolean baseUrlDirect, String globalCacheControl,
    String endpoint, boolean forcePathStyle, String accessKey, String secretKey) {

  /** The names Parse Server deployments use for the S3 adapter module. */
  private static final Set<String> MODULES = Set.of("s3", "@parse/s3-files-adapter",
      "parse-server-s3-adapter", "s3adapter");
  private static final String OPTION = "Invalid option --filesAdapter: ";

  /**
   * @return the S3 settings when {@code filesAdapter} names the S3 adapter, else null
   * @throws OptionsException with one line naming what is missing or wrong
   */
  public static S3FilesOptions from(JsonObject serverOptions) {
    Object chosen = serverOptions.getValue(ParseServerOptions.FILES_ADAPTER);
    String module = chosen instanceof JsonObject json ? json.getString("module") : chosen
        instanceof String s ? s : null;
    if (module == null || !MODULES.contains(module.trim().toLowerCase(Locale.ROOT))) {
      return null;
    }
    Object raw = chosen instanceof JsonObject json ? json.getValue("options") : null;
    if (raw != null && !(raw instanceof JsonObject)) {
      throw new OptionsException(OPTION + "s3 options must be a JSON object");
    }
    JsonObject options = raw == null ? new JsonObject() : (JsonObject) raw;
    Object rawOverrides = options.getValue("s3overrides");
    if (rawOverrides != null && !(rawOverrides instanceof JsonObject)) {
      throw new OptionsException(OPTION + "s3 s3overrides must be a JSON object");
    }
    JsonObject overrides = rawOverrides == null ? new JsonObject() : (JsonObject) rawOverrides;
    String bucket = text(options, "bucket");
    if (bucket == null) {
      throw new OptionsException(OPTION + "s3 needs options.bucket, e.g. "
          + "{\"module\":\"s3\",\"options\":{\"bucket\":\"my-bucket\"}}");
    }
    String endpoint = text(overrides, "endpoint") != null ? text(overrides, "endpoint")
        : text(options, "endpoint");
    requireHttpUrl("endpoint", endpoint);
    String baseUrl = text(options, "baseUrl");
    requireHttpUrl("baseUrl", baseUrl);
    String region = text(overrides, "region") != null ? text(overrides, "region")
        : text(options, "region");
    JsonObject credentials = overrides.getValue("credentials") instanceof JsonObject c ? c
        : new JsonObject();
    String accessKey = text(credentials, "accessKeyId") != null
        ? text(credentials, "accessKeyId") : text(options, "accessKey");
    String secretKey = text(credentials, "secretAccessKey") != null
        ? text(credentials, "secretAccessKey") : text(options, "secretKey");
    if ((accessKey == null) != (secretKey == null)) {
      throw new OptionsException(OPTION + "s3 needs both accessKey and secretKey, or neither "
          + "(the default credentials chain)");
    }
    boolean pathStyle = flag(overrides, "forcePathStyle", endpoint != null);
    String prefix = text(options, "bucketPrefix");
    return new S3FilesOptions(bucket, prefix == null ? "" : prefix,
        region == null ? "us-east-1" : region, flag(options, "directAccess", false), baseUrl,
        flag(options, "baseUrlDirect", false), text(options, "globalCacheControl"), endpoint,
        pathStyle, accessKey, secretKey);
  }

  /** The object key of a file. */
  public String key(String name) {
    return bucketPrefix + name;
  }

  /**
   * With {@code directAccess}, what a file's URL is made of (the encoded name follows):
   * {@code <baseUrl>/<prefix>} ({@code <baseUrl>/} with {@code baseUrlDirect}), else the
   * object's own address at the endpoint or at AWS.
   */
  public String directUrlPrefix() {
    String prefix = encodePath(bucketPrefix);
    if (baseUrl != null) {
      return stripSlash(baseUrl) + "/" + (baseUrlDirect ? "" : prefix);
    }
    if (endpoint == null) {
      return "https://" + bucket + ".s3." + region + ".amazonaws.com/" + prefix;
    }
    URI uri = URI.create(stripSlash(endpoint));
    return forcePathStyle ? stripSlash(endpoint) + "/" + bucket + "/" + prefix
        : uri.getScheme() + "://" + bucket + "." + uri.getRawAuthority()
            + (uri.getRawPath() == null ? "" : uri.getRawPath()) + "/" + prefix;
  }

  /** Without the secret key. */
  @Override
  public String toString() {
    return "bucket=" + bucket + " prefix=" + bucketPrefix + " region=" + region
        + " endpoint=" + endpoint + " pathStyle=" + forcePathStyle + " directAccess="
        + directAccess + " credentials=" + (accessKey == null ? "default-chain" : "static");
  }

  private static String encodePath(String path) {
    return java.util.Arrays.stream(path.split("/", -1))
        .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(java.util.stream.Collectors.joining("/"));
  }

  private static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new OptionsException(OPTION + "s3 " + key + " must be a string");
    }
    return s.isBlank() ? null : s;
  }

  private static boolean flag(JsonObject json, String key, boolean otherwise) {
    Object value = json.getValue(key);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new OptionsException(OPTION + "s3 " + key + " must be true or false");
  }

  private static void requireHttpUrl(String key, String url) {
    if (url != null && !OptionsValidator.isHttpUrl(url)) {
      throw new OptionsException(OPTION + "s3 " + key + " must be an http(s) URL, got " + url);
    }
  }


  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
