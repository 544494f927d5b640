package io.parsevertx.push;

/**
 * What became of one installation's notification.
 *
 * @param installationId the installation's objectId
 * @param deviceType its {@code deviceType}, counted in {@code sentPerType}/{@code failedPerType}
 * @param transmitted the provider accepted it
 * @param error the provider's reason when not transmitted (e.g. {@code Unregistered}), else null
 * @param tokenGone the provider says the device token is no longer valid: the installation's
 *     {@code deviceToken} is then removed, as Parse Server does
 */
public record PushResult(String installationId, String deviceType, boolean transmitted,
    String error, boolean tokenGone) {

  public static PushResult sent(String installationId, String deviceType) {
    return new PushResult(installationId, deviceType, true, null, false);
  }

  public static PushResult failed(String installationId, String deviceType, String error,
      boolean tokenGone) {
    return new PushResult(installationId, deviceType, false, error, tokenGone);
  }
}
