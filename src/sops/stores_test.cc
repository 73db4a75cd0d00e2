#include "sops/stores.h"

#include <gtest/gtest.h>

namespace ferry::sops {
namespace {

// Found by fuzz/yaml_roundtrip_fuzz: a mapping or sequence used as a key
// was written back as "? complex key", and the file ferry had just
// encrypted no longer decrypted (MAC mismatch). Such keys are refused.
TEST(SopsStores, MappingOrSequenceAsKeyIsRefused) {
  std::vector<yaml::Node> docs;
  Status st = LoadPlain("a: 1\n? [x, y]\n: secret\n", Store::kYaml, &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("invalid map key: a sequence cannot be a key"),
            std::string::npos)
      << st.message();
  EXPECT_FALSE(LoadPlain("n:\n  ? {k: v}\n  : x\n", Store::kYaml, &docs).ok());
  EXPECT_TRUE(LoadPlain("a: 1\n? plain\n: x\n", Store::kYaml, &docs).ok());
}

}  // namespace
}  // namespace ferry::sops
