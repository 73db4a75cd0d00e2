// Private to repo/: reading the typed fields of Flux objects with the checks
// the API server's OpenAPI schema makes (types, required fields, enums,
// duration patterns), each problem a Diagnostic at the field's position.
#ifndef FERRY_REPO_FLUX_FIELDS_H_
#define FERRY_REPO_FLUX_FIELDS_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "repo/diagnostic.h"
#include "k8s/duration.h"
#include "repo/flux_common.h"
#include "yaml/node.h"

namespace ferry::repo {

class FieldReader;

// Rule ids of the diagnostics made while reading Flux objects.
inline constexpr char kRuleFieldType[] = "flux-field-type";
inline constexpr char kRuleFieldRequired[] = "flux-field-required";
inline constexpr char kRuleFieldEnum[] = "flux-field-enum";
inline constexpr char kRuleDuration[] = "flux-duration";
inline constexpr char kRuleUnknownField[] = "flux-unknown-field";
inline constexpr char kRuleDeprecatedApi[] = "flux-deprecated-api";
inline constexpr char kRuleObject[] = "flux-object";

/// "a mapping", "integer 3", "string \"yes\"": how a value reads, for
/// messages.
std::string DescribeValue(const yaml::Node& n);

/// Reads the fields of one mapping of a Flux object. A reader over an
/// absent mapping reads nothing (and reports required fields at `anchor`).
/// Null values count as absent, as in the API server.
class FieldReader {
 public:
  /// `map` may be null; `anchor` is where problems of an absent map are
  /// reported; `path` names the map in messages ("spec.sourceRef").
  FieldReader(const yaml::Node* map, const yaml::Node* anchor, std::string path,
              std::vector<Diagnostic>* diags);

  bool present() const { return map_ != nullptr; }
  const yaml::Node* node() const { return map_; }
  yaml::Mark mark() const;
  const std::string& path() const { return path_; }
  std::vector<Diagnostic>* diags() const { return diags_; }

  bool String(std::string_view key, std::string* out, bool required = false);
  bool String(std::string_view key, std::optional<std::string>* out);
  bool Enum(std::string_view key, std::string* out,
            std::initializer_list<std::string_view> allowed,
            bool required = false);
  bool Bool(std::string_view key, std::optional<bool>* out,
            bool required = false);
  bool Bool(std::string_view key, bool* out);
  /// A Go duration matching the Flux CRD pattern (see duration.h).
  bool Dur(std::string_view key, std::optional<k8s::Duration>* out,
           bool required = false, bool hours = true);
  bool Map(std::string_view key, StringMap* out);
  bool Map(std::string_view key, std::optional<StringMap>* out);
  bool Strings(std::string_view key, std::vector<std::string>* out);
  /// The mapping at key (a reader over nothing when absent or mistyped).
  FieldReader Object(std::string_view key, bool required = false);
  /// Calls `fn` with a reader for each entry of the sequence at key; an
  /// entry that is not a mapping is an error.
  void Objects(std::string_view key,
               const std::function<void(FieldReader&)>& fn,
               bool required = false);
  /// The value at key, unchecked (nullptr when absent or null).
  const yaml::Node* Raw(std::string_view key);

  /// Reads {name} into a LocalReference at key.
  bool Local(std::string_view key, std::optional<LocalReference>* out,
             bool required = false);

  /// Marks keys as known without reading them.
  void Accept(std::initializer_list<std::string_view> keys);
  /// Warns about keys of the map that were neither read nor accepted
  /// (misspellings like depends_on), suggesting a close known key.
  void WarnUnknown(std::initializer_list<std::string_view> also_known = {});

  void Error(const yaml::Node& at, std::string_view rule, std::string msg);
  void Warning(const yaml::Node& at, std::string_view rule, std::string msg);
  /// "spec.sourceRef.name" for key "name".
  std::string PathOf(std::string_view key) const;

 private:
  /// The value at key, remembering the key as read; nullptr when absent or
  /// null. Reports a missing required key.
  const yaml::Node* Lookup(std::string_view key, bool required);
  bool ScalarString(std::string_view key, const yaml::Node& v,
                    std::string* out);

  const yaml::Node* map_;
  const yaml::Node* anchor_;
  std::string path_;
  std::vector<Diagnostic>* diags_;
  std::set<std::string, std::less<>> read_;
};

/// Reads a {apiVersion, kind, name, namespace} reference.
void ReadNamespacedReference(FieldReader& r, NamespacedReference* out,
                             bool kind_required);

// Readers of each kind's spec (one per file), given the object's version.
struct KustomizationSpec;
struct GitRepositorySpec;
struct OCIRepositorySpec;
struct HelmRepositorySpec;
struct ImageRepositorySpec;
struct ImagePolicySpec;
struct ImageUpdateAutomationSpec;
struct NotificationProviderSpec;
struct AlertSpec;
struct ReceiverSpec;
void ReadKustomizationSpec(FieldReader& spec, std::string_view version,
                           KustomizationSpec* out);
void ReadGitRepositorySpec(FieldReader& spec, std::string_view version,
                           GitRepositorySpec* out);
void ReadOCIRepositorySpec(FieldReader& spec, std::string_view version,
                           OCIRepositorySpec* out);
void ReadHelmRepositorySpec(FieldReader& spec, std::string_view version,
                            HelmRepositorySpec* out);
void ReadImageRepositorySpec(FieldReader& spec, std::string_view version,
                             ImageRepositorySpec* out);
void ReadImagePolicySpec(FieldReader& spec, std::string_view version,
                         ImagePolicySpec* out);
void ReadImageUpdateAutomationSpec(FieldReader& spec, std::string_view version,
                                   ImageUpdateAutomationSpec* out);
void ReadNotificationProviderSpec(FieldReader& spec, std::string_view version,
                                  NotificationProviderSpec* out);
void ReadAlertSpec(FieldReader& spec, std::string_view version, AlertSpec* out);
void ReadReceiverSpec(FieldReader& spec, std::string_view version,
                      ReceiverSpec* out);

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_FIELDS_H_
