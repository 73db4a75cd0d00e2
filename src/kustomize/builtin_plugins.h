// Built-in plugins: the plugin config objects (`apiVersion: builtin`) a
// kustomization lists under `generators:`, `transformers:` and
// `validators:`, run as kustomize v5.5 runs its statically linked plugins
// (api/internal/builtins). Each config is read as the plugin's Go struct
// reads it through sigs.k8s.io/yaml: field names matched without regard to
// case, unknown fields ignored. Any other apiVersion is an exec, Go,
// container or KRM-function plugin, which kubectl refuses without alpha
// flags, and so does ferry.
#ifndef FERRY_KUSTOMIZE_BUILTIN_PLUGINS_H_
#define FERRY_KUSTOMIZE_BUILTIN_PLUGINS_H_

#include <vector>

#include "kustomize/loader.h"
#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

struct BuildNote;

/// Checks that `config` is a built-in plugin of a known kind (generator or
/// transformer as `generator` says); else the error kubectl gives.
Status CheckBuiltinPlugin(const yaml::Node& config, bool generator);

/// Runs a built-in generator (ConfigMapGenerator, SecretGenerator,
/// IAMPolicyGenerator); its objects are appended to `out`. Files it names
/// are read through `loader`, the kustomization that lists the plugin.
Status RunBuiltinGenerator(const yaml::Node& config, const Loader& loader,
                           ResMap* out);

/// Runs a built-in transformer (every kind of kustomize's
/// TransformerFactories) on `m`.
Status RunBuiltinTransformer(const yaml::Node& config, const Loader& loader,
                             ResMap* m, std::vector<BuildNote>* notes);

/// The replacements of a `replacements:` list with the `path:` entries
/// replaced by the replacements of their files (a list or a single one).
Status ExpandReplacementPaths(const yaml::Node& list, const Loader& loader,
                              yaml::Node* all);

/// True when the YAML text of a generators/transformers/validators entry is
/// an inline plugin config (one or more objects) rather than a path; the
/// objects go to `docs`.
bool ParseInlinePluginConfig(const yaml::Node& entry,
                             std::vector<yaml::Node>* docs);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_BUILTIN_PLUGINS_H_
