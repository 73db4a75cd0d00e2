#include "sops/keysource.h"

namespace ferry::sops {
namespace {

Status AtSpec(const KeySpec& spec, const Status& st) {
  std::string msg = st.message();
  if (msg.rfind("error: ", 0) == 0) msg.erase(0, 7);
  if (spec.mark.file == nullptr) return Status::Error(msg);
  return Status::At(spec.mark.File(), static_cast<int>(spec.mark.line),
                    static_cast<int>(spec.mark.col), msg);
}

}  // namespace

Status MakeMasterKey(const KeySpec& spec, const KeySourceOptions& options,
                     std::unique_ptr<MasterKey>* key) {
  Status st;
  if (spec.type == "age") {
    std::unique_ptr<AgeMasterKey> k;
    st = AgeMasterKey::Create(spec.id, options.age, &k);
    if (st.ok()) *key = std::move(k);
  } else if (spec.type == "gcp_kms") {
    std::unique_ptr<GcpKmsMasterKey> k;
    st = GcpKmsMasterKey::Create(spec.id, options.gcp_kms, &k);
    if (st.ok()) *key = std::move(k);
  } else if (spec.type == "pgp") {
    std::unique_ptr<PgpMasterKey> k;
    st = PgpMasterKey::Create(spec.id, options.pgp, &k);
    if (st.ok()) *key = std::move(k);
  } else if (spec.type == "kms" || spec.type == "azure_kv" ||
             spec.type == "hc_vault" || spec.type == "hckms" ||
             spec.type == "plugin") {
    st = Status::Error(spec.type + " keys are not supported by ferry (key " +
                       spec.id + "); use age, gcp_kms or pgp");
  } else {
    st = Status::Error("unknown key type \"" + spec.type + "\"");
  }
  return st.ok() ? st : AtSpec(spec, st);
}

Status MakeKeyGroups(const KeySpecGroups& specs,
                     const KeySourceOptions& options,
                     std::vector<KeyGroup>* groups) {
  std::vector<KeyGroup> out;
  for (const std::vector<KeySpec>& group : specs) {
    KeyGroup keys;
    for (const KeySpec& spec : group) {
      std::unique_ptr<MasterKey> key;
      FERRY_RETURN_IF_ERROR(MakeMasterKey(spec, options, &key));
      keys.push_back(std::move(key));
    }
    out.push_back(std::move(keys));
  }
  *groups = std::move(out);
  return Status::Ok();
}

}  // namespace ferry::sops
