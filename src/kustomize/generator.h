// configMapGenerator and secretGenerator: the ConfigMap or Secret that one
// generator entry of a kustomization describes, and how a generated object
// with behavior merge or replace combines with the object it targets.
#ifndef FERRY_KUSTOMIZE_GENERATOR_H_
#define FERRY_KUSTOMIZE_GENERATOR_H_

#include "kustomize/loader.h"
#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

enum class GeneratorKind { kConfigMap, kSecret };

/// Builds the ConfigMap or Secret for one configMapGenerator/secretGenerator
/// entry (`args`, the YAML mapping as written in kustomization.yaml), with
/// the kustomization-level `generatorOptions` (may be null) merged in as
/// kustomize's MergeGlobalOptionsIntoLocal does. Files are read through
/// `loader`.
///
/// Key/value pairs come from `envs` (then the legacy `env`), `literals`
/// (KEY=VALUE, one pair of surrounding quotes removed from the value) and
/// `files` (path, keyed by its base name, or key=path); a key given twice
/// is an error. ConfigMap values that are not valid UTF-8 go to binaryData;
/// Secret values and binaryData are base64, wrapped at 70 columns when
/// longer. Sets out->behavior and out->needs_hash (!disableNameSuffixHash);
/// the name gets no suffix here (the build adds ContentHash at the end).
Status Generate(GeneratorKind kind, const yaml::Node& args,
                const yaml::Node* generator_options, const Loader& loader,
                Resource* out);

/// Combines `generated` (behavior merge or replace) into `existing`, the
/// object of the same id, as kustomize's appendReplaceOrMerge does; the
/// result replaces `existing`. Both: the generated object's fields, with
/// labels and annotations merged (generated ones win), and the existing
/// name, namespace and rename history. Merge also merges `data` and
/// `binaryData` (generated keys win). The result needs a hash suffix only
/// when both did (what kubectl does for every combination).
Status MergeGenerated(Resource* existing, const Resource& generated);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_GENERATOR_H_
