package io.parsevertx.data.installations;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The field-level rules of an {@code _Installation} write, checked before anything is read:
 * ids are compared ignoring case, so they are stored lower-cased, and channel names are checked.
 */
final class InstallationFields {
  static final String INSTALLATION_ID = "installationId";
  static final String DEVICE_TOKEN = "deviceToken";
  static final String DEVICE_TYPE = "deviceType";
  static final String CHANNELS = "channels";
  /** An APNs token in hex: Parse Server lower-cases those, and only those. */
  private static final int APNS_HEX_TOKEN_LENGTH = 64;
  /** The broadcast channel "" or a name starting with a letter (as the Parse SDKs check). */
  private static final Pattern CHANNEL = Pattern.compile("|[A-Za-z][A-Za-z0-9_-]*");

  private InstallationFields() {}

  /** Lower-cases the ids and checks {@code channels}; fails with 111 or 112. */
  static void normalize(JsonObject body) {
    if (body.getValue(INSTALLATION_ID) instanceof String id) {
      body.put(INSTALLATION_ID, id.toLowerCase(java.util.Locale.ROOT));
    }
    if (body.getValue(DEVICE_TOKEN) instanceof String token
        && token.length() == APNS_HEX_TOKEN_LENGTH) {
      body.put(DEVICE_TOKEN, token.toLowerCase(java.util.Locale.ROOT));
    }
    Object channels = body.getValue(CHANNELS);
    if (channels instanceof JsonArray list) {
      checkChannels(list);
    } else if (channels instanceof JsonObject op && op.getValue("objects") instanceof JsonArray
        objects && op.containsKey(ParseFields.OP)) {
      checkChannels(objects);
    } else if (channels != null) {
      throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
          "channels must be an array of channel names.");
    }
  }

  private static void checkChannels(JsonArray channels) {
    for (Object channel : channels) {
      if (!(channel instanceof String name) || !CHANNEL.matcher(name).matches()) {
        throw new ParseException(ParseErrorCode.INVALID_CHANNEL_NAME, "Invalid channel name. "
            + "A channel name is either an empty string (the broadcast channel) or contains only "
            + "a-zA-Z0-9_- characters and starts with a letter.");
      }
    }
  }

  static String string(JsonObject object, String field) {
    return object == null || !(object.getValue(field) instanceof String s) ? null : s;
  }
}
