#include "sops/keysource.h"

#include <gtest/gtest.h>

namespace ferry::sops {
namespace {

KeySpec Spec(std::string type, std::string id) {
  KeySpec k;
  k.type = std::move(type);
  k.id = std::move(id);
  return k;
}

TEST(KeySourceTest, MakesKeysFromConfigRules) {
  AgeIdentity id = AgeIdentity::Generate();
  SopsConfig c;
  ASSERT_TRUE(ParseConfig("creation_rules:\n"
                          "  - key_groups:\n"
                          "      - age: [" +
                              id.recipient().ToString() +
                              "]\n"
                              "        pgp: [ABCD]\n"
                              "      - gcp_kms:\n"
                              "          - resource_id: projects/p/locations/"
                              "l/keyRings/r/cryptoKeys/k\n",
                          "/r/.sops.yaml", &c)
                  .ok());
  std::vector<KeyGroup> groups;
  Status st = MakeKeyGroups(c.creation_rules[0].key_groups, {}, &groups);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(groups.size(), 2u);
  ASSERT_EQ(groups[0].size(), 2u);
  EXPECT_EQ(groups[0][0]->Type(), "age");
  EXPECT_EQ(groups[0][0]->Id(), id.recipient().ToString());
  EXPECT_EQ(groups[0][1]->Type(), "pgp");
  EXPECT_EQ(groups[1][0]->Type(), "gcp_kms");

  // The age key made with explicit identities decrypts what it encrypted.
  auto ids = std::make_shared<std::vector<AgeIdentity>>();
  ids->push_back(std::move(id));
  KeySourceOptions options;
  options.age.identities = ids;
  options.age.use_environment = false;
  std::unique_ptr<MasterKey> key;
  ASSERT_TRUE(
      MakeMasterKey(c.creation_rules[0].key_groups[0][0], options, &key).ok());
  SecureBytes data_key(std::string(32, 'd')), out;
  std::string enc;
  ASSERT_TRUE(key->Encrypt(data_key, &enc).ok());
  ASSERT_TRUE(key->Decrypt(enc, &out).ok());
  EXPECT_TRUE(out.Equals(data_key.view()));
}

TEST(KeySourceTest, ErrorsNameTheKeyAndPlace) {
  SopsConfig c;
  ASSERT_TRUE(ParseConfig("creation_rules:\n"
                          "  - kms: arn:aws:kms:r:1:key/a\n"
                          "    gcp_kms: projects/p/keyRings/r\n",
                          "/r/.sops.yaml", &c)
                  .ok());
  std::vector<KeyGroup> groups;
  Status st = MakeKeyGroups(c.creation_rules[0].key_groups, {}, &groups);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "/r/.sops.yaml:2:10: error: kms keys are not supported by ferry "
            "(key arn:aws:kms:r:1:key/a); use age, gcp_kms or pgp");
  std::unique_ptr<MasterKey> key;
  st = MakeMasterKey(c.creation_rules[0].key_groups[0][1], {}, &key);
  EXPECT_EQ(st.message(),
            "/r/.sops.yaml:3:14: error: no valid resource ID found in "
            "\"projects/p/keyRings/r\"");
  // From a metadata entry (no position).
  st = MakeMasterKey(Spec("age", "age1bad"), {}, &key);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("invalid age recipient", 0), 0u) << st.message();
  st = MakeMasterKey(Spec("nope", "x"), {}, &key);
  EXPECT_EQ(st.message(), "unknown key type \"nope\"");
}

}  // namespace
}  // namespace ferry::sops
