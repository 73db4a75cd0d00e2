#include "repo/layout.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

#include "yaml/parse.h"

namespace ferry::repo {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDefaultFluxNamespace = "flux-system";

bool IsEntryFileName(std::string_view name) {
  return name == "sync.yaml" || name == "sync.yml" || name == "gotk-sync.yaml";
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// `root` joined with a relative path, written as the user would: no "./".
std::string JoinShown(const std::string& root, const std::string& rel) {
  if (rel.empty()) return root;
  if (root.empty() || root == ".") return rel;
  return (fs::path(root) / rel).lexically_normal().string();
}

std::string StripTrailingSlash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Reads "N:" at the front of `s`, advancing it; 0 when there is none.
int TakeNumber(std::string_view* s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || p == s->data() + s->size() || *p != ':') return 0;
  s->remove_prefix(p - s->data() + 1);
  return v;
}

// A parse failure of `file` as a diagnostic: the Status message is
// "file:line:col: error: msg", taken apart again.
Diagnostic FromParseError(const std::string& file, const Status& st) {
  Diagnostic d;
  d.file = file;
  d.rule = "yaml-parse";
  std::string_view m = st.message();
  if (m.substr(0, file.size()) == file && m.size() > file.size() &&
      m[file.size()] == ':') {
    m.remove_prefix(file.size() + 1);
    d.line = TakeNumber(&m);
    if (d.line > 0) d.col = TakeNumber(&m);
    while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
  }
  constexpr std::string_view kErr = "error: ";
  if (m.substr(0, kErr.size()) == kErr) m.remove_prefix(kErr.size());
  d.message = std::string(m);
  return d;
}

// The folder holding `k8s_dir`, looking in `start` and its parents up to
// the git top level; empty when there is none.
fs::path FindRoot(const fs::path& start, const std::string& k8s_dir) {
  std::error_code ec;
  for (fs::path cur = start;; cur = cur.parent_path()) {
    if (fs::is_directory(cur / k8s_dir, ec)) return cur;
    if (fs::exists(cur / ".git", ec)) return {};
    if (cur == cur.parent_path()) return {};
  }
}

// Entry files under a namespace folder, relative to it: the folder's own
// first (gotk-sync.yaml, then sync.yaml), then deeper ones by path.
std::vector<std::string> FindEntryFiles(const fs::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::error_code ec2;
    if (e.is_directory(ec2)) {
      if (IsHidden(e.path())) it.disable_recursion_pending();
      continue;
    }
    if (!IsEntryFileName(e.path().filename().string())) continue;
    if (!e.is_regular_file(ec2)) continue;
    found.push_back(e.path().lexically_relative(dir).generic_string());
  }
  std::sort(found.begin(), found.end(),
            [](const std::string& a, const std::string& b) {
              bool deep_a = a.find('/') != std::string::npos;
              bool deep_b = b.find('/') != std::string::npos;
              if (deep_a != deep_b) return deep_b;
              return a < b;
            });
  return found;
}

bool HasKustomization(const fs::path& dir) {
  std::error_code ec;
  for (const char* name :
       {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    if (fs::is_regular_file(dir / name, ec)) return true;
  }
  return false;
}

// Parses one entry file and records its objects.
void ReadEntryFile(size_t index, const std::string& shown, Repository* repo) {
  EntryFile& f = repo->entry_files[index];
  Status st = yaml::ParseFile(shown, &f.documents);
  if (!st.ok()) {
    f.documents.clear();
    repo->diagnostics.push_back(FromParseError(shown, st));
    return;
  }
  for (const yaml::Node& doc : f.documents) {
    if (!doc.IsMap()) continue;
    FluxObject o;
    o.api_version = std::string(doc.GetString("apiVersion"));
    o.kind = std::string(doc.GetString("kind"));
    if (const yaml::Node* md = doc.Get("metadata")) {
      o.name = std::string(md->GetString("name"));
      o.ns = std::string(md->GetString("namespace"));
    }
    o.entry_file = index;
    o.node = &doc;
    repo->objects.push_back(std::move(o));
    FluxKustomization k;
    if (ReadFluxKustomization(doc, &k)) {
      k.entry_file = index;
      repo->kustomizations.push_back(std::move(k));
    }
  }
}

}  // namespace

std::string FluxKustomization::Label() const {
  if (ns.empty() || ns == kDefaultFluxNamespace) return name;
  return ns + "/" + name;
}

std::string Repository::ResolvePath(std::string_view spec_path) const {
  std::string_view p = spec_path;
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  std::string rel = fs::path(p).lexically_normal().generic_string();
  rel = StripTrailingSlash(rel);
  if (rel == "." || rel.empty()) return root;
  return StripTrailingSlash(JoinShown(root, rel));
}

const NamespaceFolder* Repository::FindNamespace(std::string_view name) const {
  for (const NamespaceFolder& n : namespaces)
    if (n.name == name) return &n;
  return nullptr;
}

bool IsFluxKustomization(const yaml::Node& doc) {
  if (!doc.IsMap() || doc.GetString("kind") != "Kustomization") return false;
  std::string_view api = doc.GetString("apiVersion");
  return api.substr(0, api.find('/')) == "kustomize.toolkit.fluxcd.io";
}

bool ReadFluxKustomization(const yaml::Node& doc, FluxKustomization* out) {
  if (!IsFluxKustomization(doc)) return false;
  FluxKustomization k;
  k.api_version = std::string(doc.GetString("apiVersion"));
  k.node = &doc;
  if (const yaml::Node* md = doc.Get("metadata")) {
    k.name = std::string(md->GetString("name"));
    k.ns = std::string(md->GetString("namespace"));
  }
  if (k.ns.empty()) k.ns = std::string(kDefaultFluxNamespace);
  if (const yaml::Node* spec = doc.Get("spec"); spec && spec->IsMap()) {
    k.path = std::string(spec->GetString("path"));
    k.target_namespace = std::string(spec->GetString("targetNamespace"));
    if (const yaml::Node* src = spec->Get("sourceRef"); src && src->IsMap()) {
      k.source_ref.kind = std::string(src->GetString("kind"));
      k.source_ref.name = std::string(src->GetString("name"));
      k.source_ref.ns = std::string(src->GetString("namespace"));
      if (k.source_ref.ns.empty()) k.source_ref.ns = k.ns;
      k.source_ref.node = src;
    }
    if (const yaml::Node* deps = spec->Get("dependsOn");
        deps && deps->IsSeq()) {
      for (const yaml::Node& d : deps->items()) {
        ObjectRef r;
        r.node = &d;
        if (d.IsMap()) {
          r.name = std::string(d.GetString("name"));
          r.ns = std::string(d.GetString("namespace"));
        }
        if (r.ns.empty()) r.ns = k.ns;
        k.depends_on.push_back(std::move(r));
      }
    }
  }
  *out = std::move(k);
  return true;
}

Status LoadRepository(const RepoOptions& options, Repository* out) {
  *out = Repository();
  std::error_code ec;
  std::string given = options.path.empty() ? "." : options.path;
  if (!fs::is_directory(given, ec))
    return Status::At(given, 0, 0, "not a folder");
  fs::path abs = fs::absolute(given, ec).lexically_normal();
  if (!abs.has_filename() && abs.has_parent_path() && abs != abs.root_path())
    abs = abs.parent_path();
  std::string k8s_dir = StripTrailingSlash(options.k8s_dir);
  if (k8s_dir.empty()) k8s_dir = ".";
  fs::path root = FindRoot(abs, k8s_dir);
  if (root.empty())
    return Status::At("", 0, 0,
                      "no '" + k8s_dir + "' folder in " + given +
                          " or a parent folder (up to the git top level); "
                          "name the repository or its k8s folder");
  if (fs::path(given).is_absolute()) {
    out->root = root.string();
  } else {
    out->root = fs::proximate(root, ec).string();
    if (ec || out->root.empty()) out->root = root.string();
  }
  out->k8s_dir = JoinShown(out->root, k8s_dir);

  std::vector<fs::path> folders;
  std::vector<std::string> top_files;
  for (fs::directory_iterator it(root / k8s_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code ec2;
    if (IsHidden(it->path())) continue;
    if (it->is_directory(ec2)) {
      folders.push_back(it->path());
    } else if (IsEntryFileName(it->path().filename().string())) {
      top_files.push_back(it->path().filename().string());
    }
  }
  std::sort(folders.begin(), folders.end());
  std::sort(top_files.begin(), top_files.end());

  auto add_entry = [&](const std::string& rel, const std::string& folder) {
    EntryFile f;
    f.rel_path = rel;
    f.path = JoinShown(out->root, rel);
    f.namespace_folder = folder;
    out->entry_files.push_back(std::move(f));
    return out->entry_files.size() - 1;
  };
  const std::string k8s_rel =
      fs::path(k8s_dir).lexically_normal().generic_string();
  auto rel_of = [&](const std::string& a, const std::string& b) {
    return StripTrailingSlash(
        (fs::path(k8s_rel) / a / b).lexically_normal().generic_string());
  };
  for (const std::string& name : top_files) add_entry(rel_of(name, ""), "");
  for (const fs::path& dir : folders) {
    NamespaceFolder ns;
    ns.name = dir.filename().string();
    ns.path = JoinShown(out->root, rel_of(ns.name, ""));
    ns.has_kustomization = HasKustomization(dir);
    for (const std::string& f : FindEntryFiles(dir))
      ns.entry_files.push_back(add_entry(rel_of(ns.name, f), ns.name));
    out->namespaces.push_back(std::move(ns));
  }
  for (size_t i = 0; i < out->entry_files.size(); ++i)
    ReadEntryFile(i, out->entry_files[i].path, out);
  return Status::Ok();
}

}  // namespace ferry::repo
