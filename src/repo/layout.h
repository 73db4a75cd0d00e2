// Layout: where a repository's parts are — its root, the k8s/ folder, the
// namespace folders in it and their entry-point files (sync.yaml,
// gotk-sync.yaml) — and the Flux objects those files declare.
#ifndef FERRY_REPO_LAYOUT_H_
#define FERRY_REPO_LAYOUT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "repo/diagnostic.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::repo {

/// Where to look for a repository and what its folders are called.
struct RepoOptions {
  /// The repository root, its k8s folder, or any folder inside it; the
  /// root is the nearest folder (walking up, not past the git top level)
  /// that holds `k8s_dir`. Empty: the current directory.
  std::string path;
  /// The folder (relative to the root) holding one folder per namespace.
  std::string k8s_dir = "k8s";
};

/// A file Flux reads as an entry point: sync.yaml, or gotk-sync.yaml as
/// `flux bootstrap` writes it, in a namespace folder or deeper.
struct EntryFile {
  std::string path;              // as shown to the user (marks use it too)
  std::string rel_path;          // relative to the root: k8s/server/sync.yaml
  std::string namespace_folder;  // "server"; "" for a file in k8s/ itself
  std::vector<yaml::Node> documents;
};

/// A folder of k8s/, named after the namespace it holds.
struct NamespaceFolder {
  std::string name;
  std::string path;  // as shown to the user
  /// Holds kustomization.yaml, kustomization.yml or Kustomization.
  bool has_kustomization = false;
  std::vector<size_t> entry_files;  // indices into Repository::entry_files
};

/// A reference to a Flux object by name, and the node that wrote it.
struct ObjectRef {
  std::string kind;  // sourceRef only
  std::string name;
  std::string ns;  // defaulted to the referrer's namespace
  const yaml::Node* node = nullptr;
};

/// The fields of a Flux Kustomization (kustomize.toolkit.fluxcd.io) that
/// ordering and planning need.
struct FluxKustomization {
  std::string api_version;
  std::string name;
  std::string ns;    // metadata.namespace, "flux-system" when unset
  std::string path;  // spec.path as written
  std::string target_namespace;
  ObjectRef source_ref;
  std::vector<ObjectRef> depends_on;
  size_t entry_file = 0;             // index into Repository::entry_files
  const yaml::Node* node = nullptr;  // the whole object

  /// "name" for objects in flux-system, else "namespace/name".
  std::string Label() const;
};

/// Any object of an entry file (GitRepository, image automation, ...;
/// Kustomizations too).
struct FluxObject {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string ns;
  size_t entry_file = 0;
  const yaml::Node* node = nullptr;
};

/// What ferry reads of a repository before building anything. Holds
/// pointers into its own documents, so it moves but does not copy.
struct Repository {
  Repository() = default;
  Repository(Repository&&) = default;
  Repository& operator=(Repository&&) = default;
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  std::string root;     // as shown to the user ("." for the current dir)
  std::string k8s_dir;  // root/k8s, as shown to the user
  std::vector<NamespaceFolder> namespaces;        // sorted by name
  std::vector<EntryFile> entry_files;             // by folder, then path
  std::vector<FluxKustomization> kustomizations;  // in file order
  std::vector<FluxObject> objects;                // in file order
  /// Problems met while reading (files that do not parse).
  std::vector<Diagnostic> diagnostics;

  /// The folder a Flux spec.path names, relative to the root as Flux reads
  /// it ("./k8s/server" -> "<root>/k8s/server").
  std::string ResolvePath(std::string_view spec_path) const;
  /// The namespace folder `name`, or nullptr.
  const NamespaceFolder* FindNamespace(std::string_view name) const;
};

/// True for a kustomize.toolkit.fluxcd.io Kustomization (any version).
bool IsFluxKustomization(const yaml::Node& doc);

/// Reads the fields of a Flux Kustomization; false when `doc` is not one.
bool ReadFluxKustomization(const yaml::Node& doc, FluxKustomization* out);

/// Finds the repository, its namespace folders and entry files, and parses
/// every object in them. Fails when no k8s folder is found; files that do
/// not parse become diagnostics.
Status LoadRepository(const RepoOptions& options, Repository* out);

}  // namespace ferry::repo

#endif  // FERRY_REPO_LAYOUT_H_
