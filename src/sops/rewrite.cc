#include "sops/rewrite.h"

#include <algorithm>

#include "sops/exit_codes.h"
#include "sops/file.h"
#include "sops/session.h"

namespace ferry::sops {
namespace {

bool Contains(const std::vector<KeySpec>& specs, const KeySpec& s) {
  return std::find(specs.begin(), specs.end(), s) != specs.end();
}

}  // namespace

Status OpenEncrypted(std::string_view text, Store store,
                     const KeySourceOptions& keys, OpenedFile* out,
                     std::string_view file, MacCheck check) {
  out->store = store;
  out->stash = IvStash();
  out->mac_problem.clear();
  FERRY_RETURN_IF_ERROR(
      LoadEncrypted(text, store, &out->docs, &out->metadata, file));
  FERRY_RETURN_IF_ERROR(RecoverDataKey(out->metadata, keys, &out->data_key));
  return DecryptDocuments(&out->docs, out->metadata, out->data_key,
                          &out->stash, check, &out->mac_problem);
}

Status Seal(const OpenedFile& file, std::string* out) {
  Metadata m = file.metadata;
  m.last_modified.clear();  // now
  IvStash stash = file.stash;  // sealing takes IVs out of its copy
  return EncryptDocuments(file.docs, file.store, file.data_key, std::move(m),
                          &stash, out);
}

KeySpecGroups KeySpecsOf(const Metadata& metadata) {
  KeySpecGroups groups;
  for (const auto& g : metadata.key_groups) {
    std::vector<KeySpec> specs;
    for (const KeyEntry& e : g) specs.push_back(KeySpecOf(e));
    groups.push_back(std::move(specs));
  }
  return groups;
}

Status RotateDataKey(OpenedFile* file, const KeyChanges& changes,
                     const KeySourceOptions& keys) {
  KeySpecGroups groups = KeySpecsOf(file->metadata);
  if (groups.empty()) groups.emplace_back();
  for (auto& g : groups)
    std::erase_if(g, [&](const KeySpec& s) { return Contains(changes.remove, s); });
  for (const KeySpec& s : changes.add)
    if (!Contains(groups[0], s)) groups[0].push_back(s);
  SecureBytes fresh = RandomSecureBytes(32);
  FERRY_RETURN_IF_ERROR(WrapDataKey(fresh, groups,
                                    file->metadata.shamir_threshold, keys,
                                    &file->metadata));
  file->data_key = std::move(fresh);
  file->stash = IvStash();  // old IVs mean nothing under the new key
  return Status::Ok();
}

std::string DescribeKeyChanges(const Metadata& metadata,
                               const CreationRule& rule) {
  KeySpecGroups have = KeySpecsOf(metadata);
  const KeySpecGroups& want = rule.key_groups;
  // A threshold only means something with several groups.
  auto threshold = [](int t, size_t groups) {
    return groups > 1 ? EffectiveThreshold(t, groups) : 0;
  };
  int want_threshold = threshold(rule.shamir_threshold, want.size());
  int have_threshold = threshold(metadata.shamir_threshold, have.size());
  if (have == want && have_threshold == want_threshold) return "";
  std::string out;
  size_t n = std::max(have.size(), want.size());
  static const std::vector<KeySpec> kNone;
  for (size_t g = 0; g < n; ++g) {
    const auto& old_keys = g < have.size() ? have[g] : kNone;
    const auto& new_keys = g < want.size() ? want[g] : kNone;
    out += "Group " + std::to_string(g + 1) + "\n";
    for (const KeySpec& s : new_keys)
      out += (Contains(old_keys, s) ? "    " : "+++ ") + s.id + "\n";
    for (const KeySpec& s : old_keys)
      if (!Contains(new_keys, s)) out += "--- " + s.id + "\n";
  }
  if (have_threshold != want_threshold)
    out += "shamir_threshold: " + std::to_string(have_threshold) + " -> " +
           std::to_string(want_threshold) + "\n";
  return out;
}

Status UpdateKeys(std::string_view text, Store store, const CreationRule& rule,
                  const KeySourceOptions& keys, std::string* out,
                  std::string_view file) {
  std::vector<yaml::Node> docs;
  Metadata metadata;
  FERRY_RETURN_IF_ERROR(LoadEncrypted(text, store, &docs, &metadata, file));
  SecureBytes data_key;
  FERRY_RETURN_IF_ERROR(RecoverDataKey(metadata, keys, &data_key));
  Metadata updated = metadata;
  bool single = metadata.key_groups.size() <= 1 && rule.key_groups.size() <= 1;
  if (single && !rule.key_groups.empty() && !metadata.key_groups.empty()) {
    // Kept entries stay as they are; only new keys wrap the data key.
    const std::vector<KeyEntry>& old = metadata.key_groups[0];
    std::vector<KeyEntry> group;
    for (const KeySpec& s : rule.key_groups[0]) {
      auto kept = std::find_if(old.begin(), old.end(), [&](const KeyEntry& e) {
        return KeySpecOf(e) == s;
      });
      if (kept != old.end()) {
        group.push_back(*kept);
        continue;
      }
      Metadata fresh;
      FERRY_RETURN_IF_ERROR(WrapDataKey(data_key, {{s}}, 0, keys, &fresh));
      group.push_back(std::move(fresh.key_groups[0][0]));
    }
    updated.key_groups = {std::move(group)};
    updated.shamir_threshold = 0;
  } else {
    FERRY_RETURN_IF_ERROR(WrapDataKey(data_key, rule.key_groups,
                                      rule.shamir_threshold, keys, &updated));
  }
  return EmitEncrypted(docs, updated, store, out);
}

}  // namespace ferry::sops
