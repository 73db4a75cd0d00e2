#include "engine/run.h"

#include <mutex>
#include <set>
#include <thread>

#include "engine/apply_set.h"
#include "engine/flux_crds.h"
#include "engine/ks_status.h"
#include "engine/parallel.h"
#include "repo/flux.h"
#include "repo/graph.h"
#include "repo/layout.h"
#include "source/local_git.h"

namespace ferry::engine {
namespace {

bool IsFluxGroup(std::string_view api_version) {
  return api_version.find(".toolkit.fluxcd.io/") != std::string_view::npos;
}

std::string Errors(const std::vector<repo::Diagnostic>& diags) {
  std::string out;
  for (const repo::Diagnostic& d : diags)
    if (d.severity == repo::Severity::kError)
      out += (out.empty() ? "" : "\n") + d.ToString();
  return out;
}

// The GitRepositories that are this checkout: the ones `flux bootstrap`
// wrote (gotk-sync.yaml), else any named flux-system.
std::set<std::string> LocalSources(const repo::Repository& repo) {
  std::set<std::string> out, named;
  for (const repo::FluxObject& o : repo.objects) {
    if (o.kind != "GitRepository") continue;
    std::string key = o.ns + "/" + o.name;
    if (repo.entry_files[o.entry_file].rel_path.ends_with("gotk-sync.yaml"))
      out.insert(key);
    if (o.name == "flux-system") named.insert(key);
  }
  return out.empty() ? named : out;
}

// The entry files' objects, with Flux objects put in flux-system when they
// name no namespace (as the repository model reads them).
std::vector<yaml::Node> EntryObjects(const repo::Repository& repo) {
  std::vector<yaml::Node> out;
  for (const repo::EntryFile& f : repo.entry_files)
    for (const yaml::Node& d : f.documents) {
      if (!d.IsMap() || d.GetString("apiVersion").empty() || d.GetString("kind").empty())
        continue;
      yaml::Node obj = d;
      if (IsFluxGroup(obj.GetString("apiVersion"))) {
        yaml::Node& md = obj.GetOrAddMap("metadata");
        if (md.GetString("namespace").empty())
          md.Set("namespace", yaml::Node::Str("flux-system"));
      }
      out.push_back(std::move(obj));
    }
  return out;
}

// Splits objects into those whose kind the server serves and the others.
void SplitServed(const kube::Client& client, std::vector<yaml::Node> objs,
                 std::vector<yaml::Node>* served, std::vector<yaml::Node>* not_served) {
  for (yaml::Node& o : objs) {
    kube::RestMapping m;
    if (client.Mapping(k8s::Gvk::FromNode(o), &m).ok())
      served->push_back(std::move(o));
    else
      not_served->push_back(std::move(o));
  }
}

bool LiveReady(const kube::Client& client, const repo::FluxKustomization& k,
               std::string* why) {
  k8s::ResId id;
  id.gvk = k8s::Gvk::FromApiVersion(k.api_version, "Kustomization");
  id.ns = k.ns;
  id.name = k.name;
  yaml::Node live;
  Status st = client.Get(id, &live);
  if (!st.ok()) {
    *why = st.message();
    return false;
  }
  const yaml::Node* ready = ReadyCondition(live);
  if (ready && ready->GetString("status") == "True") return true;
  *why = ready ? std::string(ready->GetString("message")) : "not reconciled yet";
  return false;
}

}  // namespace

const char* RunStateName(RunState s) {
  switch (s) {
    case RunState::kReady: return "Ready";
    case RunState::kFailed: return "Failed";
    case RunState::kSkipped: return "Skipped";
    case RunState::kSuspended: return "Suspended";
  }
  return "?";
}

bool RunReport::AllReady() const {
  for (const KustomizationReport& k : kustomizations)
    if (k.state == RunState::kFailed) return false;
  return true;
}

Status EnsureFluxCrds(const kube::Client& client, bool force, bool* installed) {
  *installed = false;
  kube::RestMapping m;
  Status st = client.Mapping(KustomizationGvk(), &m);
  if (st.ok() && !force) return Status::Ok();
  if (!st.ok() && kube::ReasonOf(st) != kube::Reason::kNoKindMatch) return st;
  ApplySetOptions ao;
  ao.field_manager = "ferry";
  std::vector<Change> changes;
  FERRY_RETURN_IF_ERROR(ApplyAllStaged(client, FluxCrds(), ao, &changes));
  *installed = CountActions(changes, Action::kUnchanged) != static_cast<int>(changes.size());
  return Status::Ok();
}

Status RunRepository(const kube::Client& client, const RunOptions& options,
                     const RunObserver& observer, RunReport* report) {
  repo::RepoOptions ro;
  ro.path = options.path;
  ro.k8s_dir = options.k8s_dir;
  repo::Repository repo;
  FERRY_RETURN_IF_ERROR(repo::LoadRepository(ro, &repo));
  if (std::string e = Errors(repo.diagnostics); !e.empty()) return Status::Error(e);
  std::vector<yaml::Node> docs;
  for (const repo::EntryFile& f : repo.entry_files)
    docs.insert(docs.end(), f.documents.begin(), f.documents.end());
  repo::FluxObjects flux;
  FERRY_RETURN_IF_ERROR(repo::ParseFluxObjects(docs, &flux, nullptr));
  repo::DependencyGraph graph(repo.kustomizations);
  for (const std::string& o : options.only)
    if (graph.Find(o) < 0)
      return Status::Error("--only " + o + ": no such Kustomization in the repository")
          .WithCode(kRunUsageError);

  source::LocalRevision rev;
  FERRY_RETURN_IF_ERROR(source::ReadLocalRevision(repo.root, &rev));
  report->revision = rev.Revision();
  report->dirty = rev.dirty;

  // Reach the cluster before anything else (a connection error is exit 2).
  kube::ServerVersion sv;
  FERRY_RETURN_IF_ERROR(client.GetServerVersion(&sv));
  if (options.dry_run) {
    kube::RestMapping m;
    Status st = client.Mapping(KustomizationGvk(), &m);
    if (!st.ok())
      return Status::Error("the cluster has no Flux Kustomization CRD; "
                           "`ferry install crds` (or a real apply) installs it: " +
                           st.message());
  } else {
    bool installed = false;
    FERRY_RETURN_IF_ERROR(EnsureFluxCrds(client, false, &installed));
    if (installed) report->notes.push_back("installed ferry's Flux CRDs");
  }

  // The entry files' own objects (what `kubectl apply -f sync.yaml` applies).
  ApplySetOptions eo;
  eo.field_manager = "ferry";
  eo.dry_run = options.dry_run;
  eo.concurrency = options.concurrency;
  std::vector<yaml::Node> served, deferred;
  SplitServed(client, EntryObjects(repo), &served, &deferred);
  // `flux bootstrap` creates flux-system before anything goes in it; a
  // namespace the entry objects need and nobody creates is made here.
  std::set<std::string> have, need;
  for (const yaml::Node& o : served) {
    ObjectId id = ObjectId::FromNode(o);
    if (id.kind == "Namespace" && id.group.empty()) have.insert(id.name);
    else if (!id.ns.empty()) need.insert(id.ns);
  }
  for (const std::string& ns : need) {
    if (have.count(ns)) continue;
    k8s::ResId nid;
    nid.gvk = {"", "v1", "Namespace"};
    nid.name = ns;
    Status gs = client.Get(nid, nullptr);
    if (gs.ok()) continue;
    if (!kube::IsNotFound(gs)) return gs;
    yaml::Node n = yaml::Node::Map();
    n.Set("apiVersion", yaml::Node::Str("v1"));
    n.Set("kind", yaml::Node::Str("Namespace"));
    n.GetOrAddMap("metadata").Set("name", yaml::Node::Str(ns));
    served.push_back(std::move(n));
    report->notes.push_back("namespace " + ns + " created for the entry files' objects");
  }
  FERRY_RETURN_IF_ERROR(ApplyAllStaged(client, served, eo, &report->entry_changes));

  std::set<std::string> only(options.only.begin(), options.only.end());
  std::set<std::string> local = LocalSources(repo);
  const auto& nodes = graph.nodes();
  std::vector<KustomizationReport> reports(nodes.size());
  std::vector<bool> selected(nodes.size(), true);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const repo::FluxKustomization& k = *nodes[i].k;
    reports[i].name = k.ns + "/" + k.name;
    reports[i].wave = nodes[i].wave;
    if (!only.empty())
      selected[i] = only.count(k.name) || only.count(reports[i].name);
  }
  std::mutex mu;  // observers and reports
  auto reconcile_one = [&](int n) {
    const repo::FluxKustomization& k = *nodes[n].k;
    KustomizationReport& r = reports[n];
    auto done = [&](RunState s, std::string reason, std::string message) {
      r.state = s;
      r.reason = std::move(reason);
      r.message = std::move(message);
      std::lock_guard<std::mutex> lock(mu);
      if (observer.on_done) observer.on_done(r);
    };
    const repo::Kustomization* ks = flux.FindKustomization(k.name, k.ns);
    if (!ks) return done(RunState::kFailed, kReasonFailed, "not read from " + repo.entry_files[k.entry_file].path);
    // Dependencies: Ready in this run, or (when not run) in the cluster.
    for (int d : nodes[n].deps) {
      const KustomizationReport& dr = reports[d];
      std::string why;
      bool ok;
      if (selected[d]) {
        ok = dr.state == RunState::kReady;
        // Flux names the dependency; its own reason says why (its message
        // is in its own status).
        why = dr.state == RunState::kSkipped ? "skipped: " + dr.message
              : dr.reason == kReasonDependencyNotReady ? dr.reason
                                                       : dr.reason + ": " + dr.message;
      } else {
        ok = options.dry_run || LiveReady(client, *nodes[d].k, &why);
      }
      if (!ok) {
        ReconcileResult rr;
        std::string msg = "dependency '" + dr.name + "' is not ready: " + why;
        if (!options.dry_run) {
          // Recorded as Flux records it, so `get` shows why.
          yaml::Node live;
          if (client.Get(KustomizationId(*ks), &live).ok()) {
            ReconcileOutcome o;
            o.reason = kReasonDependencyNotReady;
            o.message = msg;
            (void)WriteKustomizationStatus(client, live, StatusAfter(live, o, NowRfc3339()));
          }
        }
        return done(RunState::kFailed, kReasonDependencyNotReady, msg);
      }
    }
    std::string src = k.source_ref.ns + "/" + k.source_ref.name;
    if (k.source_ref.kind != "GitRepository" || !local.count(src))
      return done(RunState::kSkipped, "",
                  "source " + k.source_ref.kind + "/" + src +
                      " is not this repository (remote sources: ferry controller)");
    {
      std::lock_guard<std::mutex> lock(mu);
      if (observer.on_start) observer.on_start(r.name, r.wave);
    }
    ReconcileOptions opts;
    opts.dry_run = options.dry_run;
    opts.concurrency = options.concurrency;
    opts.timeout = options.timeout;
    ReconcileObserver obs;
    obs.on_change = [&](const Change& c) {
      std::lock_guard<std::mutex> lock(mu);
      if (observer.on_change) observer.on_change(r.name, c);
    };
    obs.on_health = [&](const std::vector<ObjectHealth>& h) {
      std::lock_guard<std::mutex> lock(mu);
      if (observer.on_health) observer.on_health(r.name, h);
    };
    std::string dir = repo.ResolvePath(ks->spec.path.value_or("./"));
    r.result = Reconcile(client, *ks, dir, report->revision, opts, obs);
    const ReconcileOutcome& o = r.result.outcome;
    if (r.result.suspended) return done(RunState::kSuspended, o.reason, o.message);
    done(o.ready ? RunState::kReady : RunState::kFailed, o.reason, o.message);
  };
  for (const std::vector<int>& wave : graph.waves()) {
    std::vector<int> todo;
    for (int n : wave)
      if (selected[n]) todo.push_back(n);
    ForEachParallel(todo.size(), options.parallel_kustomizations,
                    [&](size_t i) { reconcile_one(todo[i]); });
  }
  for (int n : graph.blocked()) {
    if (!selected[n]) continue;
    reports[n].state = RunState::kFailed;
    reports[n].reason = kReasonDependencyNotReady;
    reports[n].message = "in or behind a dependsOn cycle";
  }

  // Entry objects whose CRDs came with a Kustomization (flux-system's
  // gotk-components.yaml brings the image automation kinds).
  if (!deferred.empty()) {
    client.InvalidateDiscovery();
    std::vector<yaml::Node> now_served, still;
    SplitServed(client, std::move(deferred), &now_served, &still);
    Status st = ApplyAllStaged(client, now_served, eo, &report->entry_changes);
    if (!st.ok()) report->notes.push_back("entry objects: " + st.message());
    for (const yaml::Node& o : still)
      report->notes.push_back(ObjectId::FromNode(o).Display() +
                              " not applied: the cluster does not serve " +
                              std::string(o.GetString("apiVersion")) + " " +
                              std::string(o.GetString("kind")));
  }
  // In plan order: wave by wave, the graph's order within a wave.
  for (const std::vector<int>& wave : graph.waves())
    for (int n : wave)
      if (selected[n]) report->kustomizations.push_back(std::move(reports[n]));
  for (int n : graph.blocked())
    if (selected[n]) report->kustomizations.push_back(std::move(reports[n]));
  return Status::Ok();
}

}  // namespace ferry::engine
