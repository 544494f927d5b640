package io.parsevertx.server.api;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/**
 * A browser with a software authenticator (webauthn4j's emulator): it turns the options the
 * server sends into the RegistrationResponseJSON and AuthenticationResponseJSON a browser's
 * {@code navigator.credentials} would produce, with real keys and signatures.
 */
final class SoftwarePasskey {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final ClientPlatform platform;
  private final WebAuthnModelAuthenticator authenticator;

  SoftwarePasskey(String origin, WebAuthnModelAuthenticator authenticator) {
    this.authenticator = authenticator;
    this.platform = new ClientPlatform(new Origin(origin),
        new WebAuthnAuthenticatorAdaptor(authenticator));
  }

  WebAuthnModelAuthenticator authenticator() {
    return authenticator;
  }

  void moveTo(String origin) {
    platform.setOrigin(new Origin(origin));
  }

  /** {@code navigator.credentials.create} for the server's creation options. */
  JsonObject register(JsonObject options, String attestation) {
    JsonObject user = options.getJsonObject("user");
    var creation = new PublicKeyCredentialCreationOptions(
        new PublicKeyCredentialRpEntity(options.getJsonObject("rp").getString("id"),
            options.getJsonObject("rp").getString("name")),
        new PublicKeyCredentialUserEntity(B64D.decode(user.getString("id")),
            user.getString("name"), user.getString("displayName")),
        new DefaultChallenge(B64D.decode(options.getString("challenge"))),
        List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
            COSEAlgorithmIdentifier.ES256)),
        options.getLong("timeout"), List.of(), new AuthenticatorSelectionCriteria(null,
            ResidentKeyRequirement.create(options.getJsonObject("authenticatorSelection")
                .getString("residentKey")), UserVerificationRequirement.create(options
                .getJsonObject("authenticatorSelection").getString("userVerification"))),
        AttestationConveyancePreference.create(attestation), null);
    var credential = platform.create(creation);
    var response = credential.getResponse();
    return new JsonObject().put("id", credential.getId())
        .put("rawId", B64.encodeToString(credential.getRawId())).put("type", "public-key")
        .put("response", new JsonObject()
            .put("clientDataJSON", B64.encodeToString(response.getClientDataJSON()))
            .put("attestationObject", B64.encodeToString(response.getAttestationObject()))
            .put("transports", new JsonArray()))
        .put("clientExtensionResults", new JsonObject());
  }

  /** {@code navigator.credentials.get} for the server's request options and one passkey. */
  JsonObject assertion(JsonObject options, String credentialId) {
    var request = new PublicKeyCredentialRequestOptions(
        new DefaultChallenge(B64D.decode(options.getString("challenge"))),
        options.getLong("timeout"), options.getString("rpId"),
        List.of(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
            B64D.decode(credentialId), null)),
        UserVerificationRequirement.PREFERRED, null);
    var credential = platform.get(request);
    var response = credential.getResponse();
    JsonObject json = new JsonObject()
        .put("clientDataJSON", B64.encodeToString(response.getClientDataJSON()))
        .put("authenticatorData", B64.encodeToString(response.getAuthenticatorData()))
        .put("signature", B64.encodeToString(response.getSignature()));
    if (response.getUserHandle() != null) {
      json.put("userHandle", B64.encodeToString(response.getUserHandle()));
    }
    return new JsonObject().put("id", credential.getId())
        .put("rawId", B64.encodeToString(credential.getRawId())).put("type", "public-key")
        .put("response", json).put("clientExtensionResults", new JsonObject());
  }
}
