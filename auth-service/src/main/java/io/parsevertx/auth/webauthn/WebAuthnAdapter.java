package io.parsevertx.auth.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.auth.WebAuthnData;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.security.DerivedKeys;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Passkeys ({@code auth: {"webauthn": {"rpId", "rpName", "origin"}}}), checked by webauthn4j.
 * {@code POST /challenge} with {@code {"webauthn": {}}} answers a logged-in user with
 * registration options and anyone else with log-in options, each with a
 * {@link SignedChallenges signedChallenge}. {@code PUT /users/:id} with
 * {@code {"webauthn": {signedChallenge, attestation}}} adds a passkey (a user may have several);
 * {@code POST /users} with {@code {"webauthn": {id, signedChallenge, assertion}}} logs in with
 * one. Attestation is accepted in every format webauthn4j parses ({@code none}, {@code packed},
 * ...) without a trust-anchor check: a passkey proves possession of its key, not its maker.
 */
public final class WebAuthnAdapter implements AuthDataAdapter {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
  private static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(
      COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA,
      COSEAlgorithmIdentifier.RS256);
  private static final long DEFAULT_TIMEOUT_MS = 300_000;

  private final String serverSecret;
  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(
      converter);
  private final AttestedCredentialDataConverter credentialData =
      new AttestedCredentialDataConverter(converter);
  private String rpId;
  private String rpName;
  private Set<Origin> origins;
  private String userVerification;
  private long timeoutMs;
  private SignedChallenges challenges;

  /** @param serverSecret key material for signing challenges (the master key) */
  public WebAuthnAdapter(String serverSecret) {
    this.serverSecret = serverSecret;
  }

  /** The checked {@code auth.webauthn} options. */
  private record Settings(String rpId, String rpName, Set<Origin> origins,
      String userVerification, long timeoutMs) {}

  /**
   * Checks {@code auth.webauthn} before anything starts.
   *
   * @throws OptionsException naming the wrong option
   */
  public static void checkOptions(JsonObject options) {
    settings(options);
  }

  private static Settings settings(JsonObject options) {
    String rpId = options.getString("rpId");
    if (rpId == null || rpId.isBlank()) {
      throw new OptionsException("Invalid option --auth: webauthn needs rpId (the site's domain)");
    }
    Set<Origin> origins = new LinkedHashSet<>();
    Object origin = options.getValue("origin");
    if (origin instanceof String single) {
      origins.add(origin(single));
    } else if (origin instanceof JsonArray several) {
      several.forEach(o -> origins.add(origin(String.valueOf(o))));
    }
    if (origins.isEmpty()) {
      throw new OptionsException("Invalid option --auth: webauthn needs origin (for example "
          + "https://" + rpId + ")");
    }
    String userVerification = options.getString("userVerification", "preferred");
    if (!List.of("required", "preferred", "discouraged").contains(userVerification)) {
      throw new OptionsException("Invalid option --auth: webauthn.userVerification must be "
          + "required, preferred or discouraged");
    }
    long timeoutMs = options.getLong("timeout", DEFAULT_TIMEOUT_MS);
    if (timeoutMs < 10_000) {
      throw new OptionsException("Invalid option --auth: webauthn.timeout must be at least "
          + "10000 ms");
    }
    return new Settings(rpId, options.getString("rpName", rpId), origins, userVerification,
        timeoutMs);
  }

  @Override
  public void init(Vertx vertx, JsonObject options) {
    Settings settings = settings(options);
    rpId = settings.rpId();
    rpName = settings.rpName();
    origins = settings.origins();
    userVerification = settings.userVerification();
    timeoutMs = settings.timeoutMs();
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(challengeKey())));
    challenges = new SignedChallenges(jwt, timeoutMs / 1000,
        new DataServiceClient(vertx.eventBus(), 10_000));
  }

  private static Origin origin(String value) {
    try {
      return new Origin(value);
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid option --auth: webauthn.origin " + value
          + " is not an origin");
    }
  }

  /** A key of its own for challenges, so a signed challenge reveals nothing of the master key. */
  private String challengeKey() {
    return DerivedKeys.base64("parse-webauthn-challenge", serverSecret);
  }

  @Override
  public String loginKey() {
    return WebAuthnData.IDS;
  }

  @Override
  public Future<JsonObject> challenge(JsonObject challengeData, JsonObject authData,
      JsonObject user) {
    if (user == null) {
      SignedChallenges.Issued issued = challenges.issue(SignedChallenges.LOG_IN, null);
      JsonObject options = new JsonObject().put("challenge", issued.challenge())
          .put("rpId", rpId).put("timeout", timeoutMs)
          .put("userVerification", userVerification).put("allowCredentials", new JsonArray());
      return Future.succeededFuture(answer(options, issued));
    }
    String userId = user.getString(ParseFields.OBJECT_ID);
    String name = user.getString("username", userId);
    SignedChallenges.Issued issued = challenges.issue(SignedChallenges.REGISTER, userId);
    JsonArray exclude = new JsonArray();
    Object linked = user.getValue("authData") instanceof JsonObject authDataOfUser
        ? authDataOfUser.getValue(WebAuthnData.PROVIDER) : null;
    if (linked instanceof JsonObject passkeys) {
      passkeys.getJsonArray(WebAuthnData.CREDENTIALS, new JsonArray()).forEach(c ->
          exclude.add(new JsonObject().put("type", "public-key")
              .put("id", ((JsonObject) c).getString(WebAuthnData.ID))));
    }
    JsonArray params = new JsonArray();
    ALGORITHMS.forEach(alg -> params.add(new JsonObject().put("type", "public-key")
        .put("alg", alg.getValue())));
    JsonObject options = new JsonObject()
        .put("rp", new JsonObject().put("id", rpId).put("name", rpName))
        .put("user", new JsonObject().put("id", BASE64URL.encodeToString(
            userId.getBytes(StandardCharsets.UTF_8))).put("name", name).put("displayName", name))
        .put("challenge", issued.challenge()).put("pubKeyCredParams", params)
        .put("timeout", timeoutMs).put("excludeCredentials", exclude)
        .put("authenticatorSelection", new JsonObject().put("residentKey", "preferred")
            .put("userVerification", userVerification))
        .put("attestation", "none");
    return Future.succeededFuture(answer(options, issued));
  }

  private static JsonObject answer(JsonObject options, SignedChallenges.Issued issued) {
    return new JsonObject().put("options", options)
        .put("signedChallenge", issued.signedChallenge());
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    return Future.failedFuture(SignedChallenges.invalid(
        "No such passkey; a logged-in user registers one with PUT /users/:id first."));
  }

  @Override
  public Future<Verified> validateSetUp(JsonObject authData, String userId) {
    return validateUpdate(authData, new JsonObject(), userId);
  }

  /** Adds a passkey to those the user has. */
  @Override
  public Future<Verified> validateUpdate(JsonObject authData, JsonObject stored,
      String userId) {
    if (!(authData.getValue("attestation") instanceof JsonObject attestation)) {
      return Future.failedFuture(SignedChallenges.invalid(
          "authData.webauthn.attestation (a RegistrationResponseJSON) is required"));
    }
    return challenges.redeem(authData.getValue("signedChallenge"), SignedChallenges.REGISTER,
        userId).compose(challenge -> {
          RegistrationData registration;
          try {
            registration = manager.verifyRegistrationResponseJSON(attestation.encode(),
                new RegistrationParameters(serverProperty(challenge), ALGORITHMS.stream()
                    .map(alg -> new PublicKeyCredentialParameters(
                        PublicKeyCredentialType.PUBLIC_KEY, alg)).toList(),
                    "required".equals(userVerification), true));
          } catch (DataConversionException | VerificationException
              | IllegalArgumentException e) {
            return Future.failedFuture(SignedChallenges.invalid("Invalid WebAuthn attestation: "
                + e.getMessage()));
          }
          var authenticatorData = registration.getAttestationObject().getAuthenticatorData();
          AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
          String id = BASE64URL.encodeToString(attested.getCredentialId());
          JsonArray ids = stored.getJsonArray(WebAuthnData.IDS, new JsonArray());
          if (ids.contains(id)) {
            return Future.failedFuture(new ParseException(
                ParseErrorCode.ACCOUNT_ALREADY_LINKED, "This passkey is registered already."));
          }
          JsonObject save = stored.copy();
          save.put(WebAuthnData.IDS, ids.copy().add(id));
          save.put(WebAuthnData.CREDENTIALS, stored.getJsonArray(WebAuthnData.CREDENTIALS,
              new JsonArray()).copy().add(new JsonObject().put(WebAuthnData.ID, id)
              .put(WebAuthnData.PUBLIC_KEY, BASE64URL.encodeToString(
                  credentialData.convert(attested)))
              .put(WebAuthnData.COUNTER, authenticatorData.getSignCount())
              .put(WebAuthnData.CREATED_AT, ParseDates.format(Instant.now()))));
          return Future.succeededFuture(new Verified(id, save,
              new JsonObject().put(WebAuthnData.ID, id), null));
        });
  }

  /** Logs in with a passkey: its assertion, its challenge unused, its counter moved on. */
  @Override
  public Future<Verified> validateLogin(JsonObject authData, JsonObject stored, String ip,
      String installationId) {
    String id = authData.getString(WebAuthnData.ID);
    if (!(authData.getValue("assertion") instanceof JsonObject assertion)) {
      return Future.failedFuture(SignedChallenges.invalid(
          "authData.webauthn.assertion (an AuthenticationResponseJSON) is required"));
    }
    JsonArray credentials = stored.getJsonArray(WebAuthnData.CREDENTIALS, new JsonArray());
    int index = -1;
    for (int i = 0; i < credentials.size(); i++) {
      if (id.equals(credentials.getJsonObject(i).getString(WebAuthnData.ID))) {
        index = i;
      }
    }
    if (index < 0) {
      return validateAuthData(authData).mapEmpty();
    }
    JsonObject credential = credentials.getJsonObject(index);
    int position = index;
    return challenges.redeem(authData.getValue("signedChallenge"), SignedChallenges.LOG_IN,
        null).compose(challenge -> {
          long counter;
          try {
            AttestedCredentialData attested = credentialData.convert(BASE64URL_DECODER.decode(
                credential.getString(WebAuthnData.PUBLIC_KEY)));
            CredentialRecordImpl record = new CredentialRecordImpl(
                new NoneAttestationStatement(), null, null, null,
                credential.getLong(WebAuthnData.COUNTER, 0L), attested, null, null, null, null);
            AuthenticationData result = manager.verifyAuthenticationResponseJSON(
                assertion.encode(), new AuthenticationParameters(serverProperty(challenge),
                    record, List.of(attested.getCredentialId()),
                    "required".equals(userVerification), true));
            counter = result.getAuthenticatorData().getSignCount();
          } catch (DataConversionException | VerificationException
              | IllegalArgumentException e) {
            return Future.failedFuture(SignedChallenges.invalid("Invalid WebAuthn assertion: "
                + e.getMessage()));
          }
          JsonObject save = stored.copy();
          JsonArray updated = credentials.copy();
          updated.set(position, credential.copy().put(WebAuthnData.COUNTER, counter));
          save.put(WebAuthnData.CREDENTIALS, updated);
          return Future.succeededFuture(new Verified(id, save, null, null));
        });
  }

  private ServerProperty serverProperty(byte[] challenge) {
    return new ServerProperty(origins, rpId, new DefaultChallenge(challenge));
  }

  @Override
  public JsonObject afterFind(JsonObject stored) {
    return WebAuthnData.visible(stored);
  }
}
