package io.parsevertx.storage.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;

/** Maps driver failures to Parse errors, once for the adapter. */
final class MongoErrors {
  private static final int DUPLICATE_KEY = 11000;

  private MongoErrors() {}

  static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof ParseException) {
      return Future.failedFuture(failure);
    }
    if (isDuplicateKey(failure)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.DUPLICATE_VALUE,
          "A duplicate value for a field with unique values was provided"));
    }
    if (failure instanceof MongoCommandException rejected) {
      // note: the database refused the query itself (an operator it cannot run, a bad regex)
      return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_QUERY,
          "The database cannot run this query: " + rejected.getErrorMessage()));
    }
    return Future.failedFuture(ParseException.internal("Database error.", failure));
  }

  static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MongoException me && me.getCode() == DUPLICATE_KEY
        || failure.getCause() instanceof MongoException cause && cause.getCode() == DUPLICATE_KEY;
  }
}
