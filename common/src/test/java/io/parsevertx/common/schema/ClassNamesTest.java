package io.parsevertx.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassNamesTest {

  @ParameterizedTest(name = "class {0} valid={1}")
  @CsvSource({"GameScore,true", "_User,true", "_Installation,true", "Game_Score2,true",
      "_Secret,false", "2Game,false", "Game-Score,false", "'',false", "_Join:users:_Role,true"})
  void classNames(String name, boolean valid) {
    assertEquals(valid, ClassNames.isValidClassName(name));
  }

  @ParameterizedTest(name = "field {0} valid={1}")
  @CsvSource({"score,true", "playerName,true", "a_b2,true", "_private,false", "2x,false",
      "a.b,false", "a-b,false", "'',false"})
  void fieldNames(String name, boolean valid) {
    assertEquals(valid, ClassNames.isValidFieldName(name));
  }
}
