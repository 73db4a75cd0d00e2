#include "repo/check.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "cnpg/backup.h"
#include "k8s/openapi_validate.h"
#include "kustomize/parallel.h"
#include "repo/check_secrets.h"
#include "repo/decryption.h"
#include "repo/flux.h"
#include "repo/flux_build.h"
#include "repo/graph.h"
#include "repo/substitute.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace {

namespace fs = std::filesystem;

// Repository-wide settings from `.ferry.yaml` at the root.
struct Config {
  std::set<std::string, std::less<>> disabled;
  std::string flux_namespace = "flux-system";
};

Status LoadConfig(const std::string& root, Config* cfg,
                  std::vector<Diagnostic>* diags) {
  std::string path = (fs::path(root) / ".ferry.yaml").string();
  if (!fs::exists(path)) return Status::Ok();
  std::vector<yaml::Node> docs;
  Status st = yaml::ParseFile(path, &docs);
  if (!st.ok()) {
    diags->push_back(Diagnostic{Severity::kError, path, 0, 0, st.message(),
                                "config-invalid"});
    return Status::Ok();
  }
  for (const yaml::Node& d : docs) {
    if (!d.IsMap()) continue;
    if (const yaml::Node* list = d.Get("disable"))
      for (const yaml::Node& r : list->items()) cfg->disabled.insert(r.value());
    if (const yaml::Node* ns = d.Get("fluxNamespace"))
      cfg->flux_namespace = ns->value();
  }
  return Status::Ok();
}

// Rules an object disables for itself with the annotation.
std::set<std::string, std::less<>> DisabledBy(const yaml::Node& obj) {
  std::set<std::string, std::less<>> out;
  const yaml::Node* a = obj.GetPath({"metadata", "annotations", kDisableAnnotation});
  if (!a) return out;
  std::string_view v = a->value();
  while (!v.empty()) {
    size_t c = v.find(',');
    std::string_view id = v.substr(0, c);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (!id.empty()) out.emplace(id);
    if (c == std::string_view::npos) break;
    v.remove_prefix(c + 1);
  }
  return out;
}

// A Status message "file:line:col: error: msg" as a Diagnostic.
Diagnostic FromStatus(const Status& st, const yaml::Node& fallback,
                      std::string rule) {
  const std::string& m = st.message();
  size_t e = m.find(": error: ");
  Diagnostic d = Diagnostic::At(fallback, Severity::kError, m, rule);
  if (e == std::string::npos) return d;
  std::string where = m.substr(0, e);
  d.message = m.substr(e + 9);
  // where = file[:line[:col]]
  int parts[2] = {0, 0};
  for (int k = 1; k >= 0; --k) {
    size_t c = where.rfind(':');
    if (c == std::string::npos) break;
    std::string tail = where.substr(c + 1);
    if (tail.empty() || tail.find_first_not_of("0123456789") != std::string::npos)
      break;
    parts[k] = std::stoi(tail);
    where.resize(c);
  }
  if (parts[0] == 0 && parts[1] != 0) std::swap(parts[0], parts[1]);
  d.file = where;
  d.line = parts[0];
  d.col = parts[1];
  return d;
}

// What one Flux Kustomization builds, with the findings about it.
struct Built {
  const FluxKustomization* k = nullptr;
  const Kustomization* typed = nullptr;
  std::string dir;
  bool ok = false;
  kustomize::BuildResult result;
  std::vector<Diagnostic> diags;
};

void CheckOne(const Repository& repo, const FluxObjects& flux, Built* b) {
  const FluxKustomization& k = *b->k;
  const yaml::Node& obj = *k.node;
  const yaml::Node* path_node = obj.GetPath({"spec", "path"});
  const yaml::Node& at = path_node ? *path_node : obj;
  b->dir = repo.ResolvePath(k.path);
  std::error_code ec;
  if (!fs::is_directory(b->dir, ec)) {
    b->diags.push_back(Diagnostic::At(
        at, Severity::kError,
        "Kustomization '" + k.name + "' path '" + k.path +
            "' does not exist in the repository",
        "path-missing"));
    return;
  }
  // sourceRef: a source object of the repository.
  if (const yaml::Node* src = obj.GetPath({"spec", "sourceRef"})) {
    std::string kind(src->GetString("kind"));
    std::string name(src->GetString("name"));
    std::string ns(src->GetString("namespace"));
    if (ns.empty()) ns = k.ns;
    bool found = false;
    for (const FluxObject& o : repo.objects)
      if (o.kind == kind && o.name == name && o.ns == ns) found = true;
    if (!found)
      b->diags.push_back(Diagnostic::At(
          *src, Severity::kError,
          "sourceRef " + kind + " '" + ns + "/" + name +
              "' is not defined in any sync.yaml of the repository",
          "source-missing"));
  }
  const Kustomization* typed = flux.FindKustomization(k.name, k.ns);
  b->typed = typed;
  bool decrypts = typed && typed->spec.decryption &&
                  typed->spec.decryption->provider == "sops";
  // secretGenerator sources that are encrypted where Flux will not decrypt.
  kustomize::BuildOptions options;
  std::vector<Diagnostic> source_diags;
  std::mutex source_mu;
  if (!decrypts)
    options.secret_source_filter = [&](const std::string& path, bool env,
                                       std::string* content) {
      if (IsSopsEncryptedSource(path, env, *content)) {
        std::lock_guard<std::mutex> lock(source_mu);
        source_diags.push_back(Diagnostic{
            Severity::kError, path, 0, 0,
            "secretGenerator source is SOPS-encrypted but Kustomization '" +
                k.name +
                "' has no spec.decryption.provider: sops; the generated "
                "Secret would hold ciphertext",
            "secret-not-decrypted"});
      }
      return Status::Ok();
    };
  Status st = FluxBuild(b->dir, &b->result, options);
  for (Diagnostic& d : source_diags) b->diags.push_back(std::move(d));
  if (!st.ok()) {
    std::string rule =
        st.message().find("Flux Kustomization; it belongs in sync.yaml") !=
                std::string::npos
            ? "kustomization-apiversion"
            : "build-failed";
    Diagnostic d = FromStatus(st, at, rule);
    d.message = "building Kustomization '" + k.name + "': " + d.message;
    b->diags.push_back(std::move(d));
    return;
  }
  b->ok = true;
  for (const kustomize::BuildNote& n : b->result.notes)
    b->diags.push_back(Diagnostic{Severity::kWarning, std::string(n.mark.File()),
                                  static_cast<int>(n.mark.line),
                                  static_cast<int>(n.mark.col), n.message,
                                  n.rule});
  for (const kustomize::Resource& r : b->result.resources) {
    if (r.node.GetString("kind") != "Secret") continue;
    std::vector<Diagnostic> found;
    CheckSecrets({r}, k.name, decrypts, &found);
    std::set<std::string, std::less<>> off = DisabledBy(r.node);
    for (Diagnostic& d : found)
      if (!off.count(d.rule)) b->diags.push_back(std::move(d));
  }
}

// Every node of a tree (to tell which object a finding is about).
void CollectNodes(const yaml::Node& n, std::set<const yaml::Node*>* out) {
  out->insert(&n);
  for (const yaml::Node& i : n.items()) CollectNodes(i, out);
  for (const yaml::Pair& p : n.pairs()) {
    out->insert(&p.key);
    CollectNodes(p.value, out);
  }
}

// postBuild substitution in strict mode, with variables from the
// repository's own ConfigMaps and Secrets where substituteFrom names them.
void CheckSubstitution(const std::vector<Built>& built, Built* b) {
  if (!b->ok || !b->typed || !b->typed->spec.post_build) return;
  auto lookup = [&](std::string_view kind,
                    std::string_view name) -> const yaml::Node* {
    for (const Built& o : built)
      for (const kustomize::Resource& r : o.result.resources)
        if (r.node.GetString("kind") == kind && r.Name() == name) return &r.node;
    return nullptr;
  };
  Variables vars;
  std::vector<const SubstituteReference*> unresolved;
  Status st = CollectVariables(*b->typed->spec.post_build, lookup, &vars,
                               &unresolved);
  if (!st.ok()) {
    b->diags.push_back(FromStatus(st, *b->k->node, "substitute-invalid"));
    return;
  }
  // Variables that live only in the cluster make strict checking unsound.
  bool strict = unresolved.empty();
  for (const kustomize::Resource& r : b->result.resources) {
    yaml::Node copy = r.node;
    Status s = Substitute(&copy, vars, strict, /*always=*/true);
    if (!s.ok())
      b->diags.push_back(FromStatus(s, r.node, "substitute-unset"));
  }
}

void AddFindings(const std::vector<cnpg::Finding>& findings,
                 std::vector<Diagnostic>* out) {
  for (const cnpg::Finding& f : findings)
    out->push_back(Diagnostic::At(*f.node, Severity::kError, f.message, f.rule));
}

}  // namespace

Status RunCheck(const CheckOptions& options, CheckReport* report) {
  Repository repo;
  FERRY_RETURN_IF_ERROR(LoadRepository(options.repo, &repo));
  std::vector<Diagnostic> diags = repo.diagnostics;
  Config cfg;
  FERRY_RETURN_IF_ERROR(LoadConfig(repo.root, &cfg, &diags));

  // Typed Flux objects: wrong types, invalid durations, deprecations.
  FluxObjects flux;
  std::set<std::string, std::less<>> kustomization_files;
  for (const EntryFile& f : repo.entry_files) {
    ReadFluxObjects(f.documents, &flux, &diags);
    for (const yaml::Node& d : f.documents) {
      if (!d.IsMap() || d.GetString("apiVersion").find("toolkit.fluxcd.io") ==
                            std::string_view::npos)
        continue;
      std::string_view ns = d.GetPath({"metadata", "namespace"})
                                ? d.GetPath({"metadata", "namespace"})->value()
                                : std::string_view();
      if (ns != cfg.flux_namespace) {
        const yaml::Node* where = d.GetPath({"metadata", "namespace"});
        diags.push_back(Diagnostic::At(
            where ? *where : d, Severity::kWarning,
            std::string(d.GetString("kind")) + " '" +
                std::string(d.GetPath({"metadata", "name"})
                                ? d.GetPath({"metadata", "name"})->value()
                                : "") +
                "' is in namespace '" + std::string(ns) +
                "'; the repository keeps its Flux objects in '" +
                cfg.flux_namespace + "'",
            "sync-namespace"));
      }
    }
  }
  for (const NamespaceFolder& n : repo.namespaces) {
    if (n.entry_files.empty())
      diags.push_back(Diagnostic{
          Severity::kError, n.path, 0, 0,
          "namespace folder '" + n.name +
              "' has no sync.yaml (or gotk-sync.yaml): nothing applies it",
          "entry-point-missing"});
  }

  DependencyGraph graph(repo.kustomizations);
  for (const Diagnostic& d : graph.diagnostics()) diags.push_back(d);

  // Build every Kustomization, in parallel.
  std::vector<Built> built(repo.kustomizations.size());
  for (size_t i = 0; i < built.size(); ++i) built[i].k = &repo.kustomizations[i];
  kustomize::ParallelFor(built.size(),
                         [&](size_t i) { CheckOne(repo, flux, &built[i]); });
  for (Built& b : built) CheckSubstitution(built, &b);

  // Custom resources against the CRDs the repository defines; CNPG backups.
  k8s::CrdSchemas schemas;
  std::vector<const yaml::Node*> all;
  for (const Built& b : built)
    for (const kustomize::Resource& r : b.result.resources) {
      all.push_back(&r.node);
      if (r.node.GetString("kind") == "CustomResourceDefinition")
        (void)schemas.Add(r.node);
    }
  k8s::ValidateOptions vopts;
  vopts.match_pattern = [](std::string_view pattern, std::string_view s,
                           bool* matched) {
    RE2 re(std::string(pattern), RE2::Quiet);
    if (!re.ok()) return false;
    *matched = RE2::PartialMatch(s, re);
    return true;
  };
  std::vector<Diagnostic> object_diags;
  for (const yaml::Node* obj : all) {
    const yaml::Node* schema = schemas.SchemaFor(k8s::Gvk::FromNode(*obj));
    if (!schema || DisabledBy(*obj).count("crd-schema")) continue;
    for (const k8s::SchemaViolation& v : k8s::Validate(*obj, *schema, vopts))
      object_diags.push_back(Diagnostic::At(
          v.node ? *v.node : *obj, Severity::kError,
          std::string(obj->GetString("kind")) + " " + v.path + ": " + v.message,
          "crd-schema"));
  }
  {
    // CNPG findings point inside objects; drop those an object disabled.
    std::vector<cnpg::Finding> findings = cnpg::CheckBackups(all);
    std::vector<std::pair<std::set<std::string, std::less<>>,
                          std::set<const yaml::Node*>>>
        switched_off;
    for (const yaml::Node* obj : all) {
      auto off = DisabledBy(*obj);
      if (off.empty()) continue;
      std::set<const yaml::Node*> nodes;
      CollectNodes(*obj, &nodes);
      switched_off.emplace_back(std::move(off), std::move(nodes));
    }
    std::vector<cnpg::Finding> kept_findings;
    for (const cnpg::Finding& f : findings) {
      bool off = false;
      for (const auto& [rules, nodes] : switched_off)
        off |= rules.count(f.rule) && nodes.count(f.node);
      if (!off) kept_findings.push_back(f);
    }
    AddFindings(kept_findings, &object_diags);
  }
  for (Built& b : built) {
    std::set<std::string, std::less<>> off = DisabledBy(*b.k->node);
    for (Diagnostic& d : b.diags)
      if (!off.count(d.rule)) diags.push_back(std::move(d));
  }
  for (Diagnostic& d : object_diags) diags.push_back(std::move(d));

  // Repository and per-object switches, then a stable order.
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : diags)
    if (!cfg.disabled.count(d.rule)) kept.push_back(std::move(d));
  std::stable_sort(kept.begin(), kept.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
  });
  kept.erase(std::unique(kept.begin(), kept.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                           return a.ToString() == b.ToString();
                         }),
             kept.end());
  for (const Diagnostic& d : kept)
    (d.severity == Severity::kError ? report->errors : report->warnings)++;
  report->diagnostics = std::move(kept);
  return Status::Ok();
}

}  // namespace ferry::repo
