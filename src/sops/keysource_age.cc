#include "sops/keysource_age.h"

#include <stdio.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>

namespace ferry::sops {
namespace {

constexpr char kKeyEnv[] = "SOPS_AGE_KEY";
constexpr char kKeyFileEnv[] = "SOPS_AGE_KEY_FILE";
constexpr char kKeyCmdEnv[] = "SOPS_AGE_KEY_CMD";

std::string StripError(std::string msg) {
  if (msg.rfind("error: ", 0) == 0) msg.erase(0, 7);
  return msg;
}

bool GetEnv(const char* name, std::string* value) {
  const char* v = getenv(name);
  if (v == nullptr) return false;
  *value = v;
  return true;
}

// Reads a whole file into wiped memory.
bool ReadSecretFile(const std::string& path, SecureBytes* out,
                    std::string* error) {
  FILE* f = fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = strerror(errno);
    return false;
  }
  SecureBytes buf(4096);
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) {
    out->append(std::string_view(reinterpret_cast<char*>(buf.data()), n));
  }
  bool ok = !ferror(f);
  if (!ok) *error = "read error";
  fclose(f);
  return ok;
}

// Runs a command (through /bin/sh) and collects its standard output.
bool RunCommand(const std::string& cmd, SecureBytes* out, std::string* error) {
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    *error = strerror(errno);
    return false;
  }
  SecureBytes buf(4096);
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) {
    out->append(std::string_view(reinterpret_cast<char*>(buf.data()), n));
  }
  int rc = pclose(p);
  if (rc != 0) {
    *error =
        "exit status " + std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : rc);
    return false;
  }
  return true;
}

// Go's os.UserConfigDir on Linux.
bool UserConfigDir(std::string* dir, std::string* error) {
  std::string xdg;
  if (GetEnv("XDG_CONFIG_HOME", &xdg) && !xdg.empty()) {
    if (xdg[0] != '/') {
      *error = "path in $XDG_CONFIG_HOME is relative";
      return false;
    }
    *dir = xdg;
    return true;
  }
  std::string home;
  if (!GetEnv("HOME", &home) || home.empty()) {
    *error = "neither $XDG_CONFIG_HOME nor $HOME are defined";
    return false;
  }
  *dir = home + "/.config";
  return true;
}

void AddSource(std::string_view location, std::string_view text,
               std::vector<AgeIdentity>* identities,
               std::vector<std::string>* errors,
               std::vector<std::string>* unused) {
  bool blank = true;
  for (char c : text) blank = blank && isspace(static_cast<unsigned char>(c));
  if (blank) {
    unused->emplace_back(location);
    return;
  }
  std::vector<AgeIdentity> ids;
  Status st = ParseAgeIdentityFile(text, location, &ids);
  if (!st.ok()) {
    errors->push_back("failed to parse '" + std::string(location) +
                      "' age identities: " + StripError(st.message()));
    return;
  }
  for (AgeIdentity& id : ids) identities->push_back(std::move(id));
}

std::string Locations(const std::vector<std::string>& unused) {
  std::string out;
  size_t n = unused.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += (i + 1 == n) ? (n == 2 ? " and " : ", and ") : ", ";
    out += "'" + unused[i] + "'";
  }
  return out;
}

std::string Suffix(const std::vector<std::string>& errors,
                   const std::vector<std::string>& unused) {
  std::string s;
  if (!errors.empty()) {
    s += ". Errors while loading age identities: ";
    for (size_t i = 0; i < errors.size(); ++i) {
      if (i) s += "; ";
      s += errors[i];
    }
  }
  if (!unused.empty()) {
    s += std::string(". Did not find keys in location") +
         (unused.size() == 1 ? " " : "s ") + Locations(unused) + ".";
  }
  return s;
}

}  // namespace

Status ParseAgeIdentities(
    const std::vector<std::string_view>& texts,
    const std::vector<std::string>& names,
    std::shared_ptr<const std::vector<AgeIdentity>>* out) {
  auto ids = std::make_shared<std::vector<AgeIdentity>>();
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<AgeIdentity> parsed;
    FERRY_RETURN_IF_ERROR(ParseAgeIdentityFile(
        texts[i], i < names.size() ? names[i] : "", &parsed));
    for (AgeIdentity& id : parsed) ids->push_back(std::move(id));
  }
  *out = std::move(ids);
  return Status::Ok();
}

void LoadAgeIdentitiesFromEnvironment(std::vector<AgeIdentity>* identities,
                                      std::vector<std::string>* errors,
                                      std::vector<std::string>* unused) {
  size_t readers = 0;
  std::string value;
  if (GetEnv(kKeyEnv, &value)) {
    SecureBytes text(value);
    std::fill(value.begin(), value.end(), '\0');
    ++readers;
    AddSource(kKeyEnv, text.view(), identities, errors, unused);
  } else {
    unused->push_back(kKeyEnv);
  }
  if (GetEnv(kKeyFileEnv, &value)) {
    SecureBytes text;
    std::string error;
    if (ReadSecretFile(value, &text, &error)) {
      ++readers;
      AddSource(value, text.view(), identities, errors, unused);
    } else {
      errors->push_back("failed to open " + std::string(kKeyFileEnv) +
                        " file: open " + value + ": " + error);
    }
  } else {
    unused->push_back(kKeyFileEnv);
  }
  if (GetEnv(kKeyCmdEnv, &value)) {
    SecureBytes text;
    std::string error;
    if (RunCommand(value, &text, &error)) {
      ++readers;
      AddSource(kKeyCmdEnv, text.view(), identities, errors, unused);
    } else {
      errors->push_back("failed to execute command " + value + " from " +
                        kKeyCmdEnv + ": " + error);
    }
  } else {
    unused->push_back(kKeyCmdEnv);
  }
  std::string dir, error;
  if (!UserConfigDir(&dir, &error)) {
    if (readers == 0 && identities->empty()) {
      errors->push_back("user config directory could not be determined: " +
                        error);
    }
    return;
  }
  std::string path = dir + "/sops/age/keys.txt";
  SecureBytes text;
  if (ReadSecretFile(path, &text, &error)) {
    AddSource(path, text.view(), identities, errors, unused);
  } else if (errno != ENOENT) {
    errors->push_back("failed to open file: open " + path + ": " + error);
  } else if (readers == 0 && identities->empty()) {
    unused->push_back(path);
  }
}

Status AgeMasterKey::Create(std::string_view recipient, AgeKeyOptions options,
                            std::unique_ptr<AgeMasterKey>* key) {
  size_t b = 0, e = recipient.size();
  while (b < e && isspace(static_cast<unsigned char>(recipient[b]))) ++b;
  while (e > b && isspace(static_cast<unsigned char>(recipient[e - 1]))) --e;
  recipient = recipient.substr(b, e - b);
  std::unique_ptr<AgeMasterKey> k(new AgeMasterKey());
  FERRY_RETURN_IF_ERROR(AgeRecipient::Parse(recipient, &k->recipient_));
  k->recipient_text_ = std::string(recipient);
  k->options_ = std::move(options);
  *key = std::move(k);
  return Status::Ok();
}

Status AgeMasterKey::Encrypt(const SecureBytes& data_key, std::string* enc) {
  std::string out;
  Status st =
      AgeEncrypt(data_key.view(), {recipient_}, AgeOutput::kArmored, &out);
  if (!st.ok()) {
    return Status::Error("failed to encrypt sops data key with age: " +
                         StripError(st.message()));
  }
  *enc = std::move(out);
  return Status::Ok();
}

Status AgeMasterKey::Decrypt(std::string_view enc, SecureBytes* data_key) {
  Status st;
  bool tried = false;
  // The given identities first; the environment only when they do not fit.
  if (options_.identities && !options_.identities->empty()) {
    tried = true;
    st = AgeDecrypt(enc, *options_.identities, data_key);
    if (st.ok()) return st;
  }
  std::vector<std::string> errors, unused;
  if (options_.use_environment) {
    std::vector<AgeIdentity> env_ids;
    LoadAgeIdentitiesFromEnvironment(&env_ids, &errors, &unused);
    if (!env_ids.empty()) {
      tried = true;
      st = AgeDecrypt(enc, env_ids, data_key);
      if (st.ok()) return st;
    }
  }
  if (!tried) {
    return Status::Error("failed to load age identities" +
                         Suffix(errors, unused));
  }
  return Status::Error(
      "failed to create reader for decrypting sops data key with age: " +
      StripError(st.message()) + Suffix(errors, unused));
}

}  // namespace ferry::sops
