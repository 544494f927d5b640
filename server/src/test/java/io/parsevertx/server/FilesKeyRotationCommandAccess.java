package io.parsevertx.server;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Runs the package-private rotation command from tests in other packages. */
public final class FilesKeyRotationCommandAccess {
  private FilesKeyRotationCommandAccess() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return FilesKeyRotationCommand.run(args, Map.of(), out, err);
  }
}
