// Test helpers of the engine layer: objects from YAML text.
#ifndef FERRY_ENGINE_TEST_UTIL_H_
#define FERRY_ENGINE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "yaml/node.h"
#include "yaml/parse.h"

namespace ferry::engine::testing {

inline yaml::Node Yaml(const std::string& text) {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, "test.yaml", &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

}  // namespace ferry::engine::testing

#endif  // FERRY_ENGINE_TEST_UTIL_H_
