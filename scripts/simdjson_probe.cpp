// How fast simdjson (Debian's libsimdjson-dev) reads mochawesome reports, for scripts/bench
// --simdjson: each test's title, full title, state, duration, uuid and error message are taken
// out as our reader takes them, and the suites walked the same way. It decides nothing in
// finishline; it measures whether a SIMD JSON parser behind a C++ target would be worth it.
//
// usage: simdjson_probe FILE...   prints {"passed": N, "failed": N, "bytes": N}
#include <simdjson.h>

#include <cstdio>
#include <string>

using namespace simdjson;

namespace {
struct Tally {
  long passed = 0, failed = 0, characters = 0;
};

void test(ondemand::object object, Tally &tally) {
  for (auto field : object) {
    std::string_view key = field.unescaped_key();
    auto value = field.value();
    if (key == "title" || key == "fullTitle" || key == "uuid") {
      std::string_view text;
      if (!value.get_string().get(text)) tally.characters += text.size();
    } else if (key == "state") {
      std::string_view state;
      if (!value.get_string().get(state)) {
        tally.passed += state == "passed";
        tally.failed += state == "failed";
      }
    } else if (key == "duration") {
      double duration;
      if (value.get_double().get(duration)) continue;
    } else if (key == "err") {
      ondemand::object err;
      if (!value.get_object().get(err)) {
        std::string_view message;
        if (!err["message"].get_string().get(message)) tally.characters += message.size();
      }
    }
  }
}

void suite(ondemand::object object, Tally &tally) {
  for (auto field : object) {
    std::string_view key = field.unescaped_key();
    if (key == "tests") {
      for (auto element : field.value().get_array()) test(element.get_object(), tally);
    } else if (key == "suites") {
      for (auto element : field.value().get_array()) suite(element.get_object(), tally);
    } else if (key == "file" || key == "fullFile" || key == "title") {
      std::string_view text;
      if (!field.value().get_string().get(text)) tally.characters += text.size();
    }
  }
}
}  // namespace

int main(int count, char **paths) {
  ondemand::parser parser;
  Tally tally;
  long bytes = 0;
  for (int index = 1; index < count; index++) {
    padded_string json;
    if (padded_string::load(paths[index]).get(json)) continue;
    bytes += json.size();
    ondemand::document document;
    if (parser.iterate(json).get(document)) continue;
    ondemand::array results;
    if (document["results"].get_array().get(results)) continue;
    for (auto result : results) suite(result.get_object(), tally);
  }
  std::printf("{\"passed\": %ld, \"failed\": %ld, \"bytes\": %ld}\n", tally.passed, tally.failed, bytes);
  return 0;
}
