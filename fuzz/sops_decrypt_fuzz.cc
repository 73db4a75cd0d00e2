// Fuzzes SOPS decryption (sops/file.h, sops/session.h) with one fixed age
// identity. The first byte picks the store ('j' JSON, 'e' dotenv, 'b'
// binary, anything else YAML); the rest is the encrypted file. Only age
// keys are tried (no KMS calls, no gpg). Checked: no crash, no UB, no leak;
// a decryption that succeeds had a MAC that verifies: the file's `mac`
// decrypts under the data key (lastmodified as additional data) to the MAC
// of the decrypted values. The seed corpus was encrypted by `ferry secrets
// encrypt` to this identity's recipient.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "sections.h"
#include "sops/age.h"
#include "sops/file.h"
#include "sops/session.h"
#include "sops/tree.h"
#include "sops/value_cipher.h"

namespace {

using namespace ferry::sops;

// A throwaway test key; its recipient is
// age14rksluy8l5grsnmn8j95hxyg0y0vdzv6qcmw7r2sr4dm3yn0fftqrrcvtw.
constexpr char kIdentity[] =
    "AGE-SECRET-KEY-1WUPM2S8UYR2NNCPL57DZP85ELFL9360XSF0JJJ8AKP8VXQRJ70FS2F5SAW";

const KeySourceOptions& Keys() {
  static const KeySourceOptions* keys = [] {
    auto ids = std::make_shared<std::vector<AgeIdentity>>(1);
    if (!AgeIdentity::Parse(kIdentity, &(*ids)[0]).ok()) abort();
    auto* k = new KeySourceOptions;
    k->age.identities = std::move(ids);
    k->age.use_environment = false;
    return k;
  }();
  return *keys;
}

// The data key from the file's age entries only.
ferry::Status AgeOnlyDataKey(const Metadata& m, SecureBytes* key) {
  Metadata age_only = m;
  for (auto& group : age_only.key_groups)
    std::erase_if(group, [](const KeyEntry& e) { return e.type != "age"; });
  return RecoverDataKey(age_only, Keys(), key);
}

// The MAC check, done again from the parts: a successful decrypt must pass it.
void CheckMac(std::string_view text, Store store, const SecureBytes& key) {
  std::vector<ferry::yaml::Node> docs;
  Metadata m;
  std::string mac_hex;
  SecureBytes stored;
  ValueType type;
  if (!LoadEncrypted(text, store, &docs, &m).ok() ||
      !DecryptTree(&docs, m.rules, key.view(), &mac_hex).ok() ||
      !DecryptValue(m.mac, key.view(), m.last_modified, &stored, &type).ok() ||
      stored.view() != mac_hex) {
    fprintf(stderr, "decrypted a file whose MAC does not verify\n");
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Store store = data[0] == 'j'   ? Store::kJson
                : data[0] == 'e' ? Store::kDotenv
                : data[0] == 'b' ? Store::kBinary
                                 : Store::kYaml;
  std::string_view text = ferry::fuzz::AsText(data + 1, size - 1);
  SecureBytes used_key;
  DataKeyProvider provider = [&](const Metadata& m, SecureBytes* key) {
    ferry::Status st = AgeOnlyDataKey(m, key);
    if (st.ok()) used_key = key->Clone();
    return st;
  };
  std::string plaintext;
  if (DecryptDocument(text, store, provider, &plaintext).ok())
    CheckMac(text, store, used_key);
  return 0;
}
