// ferry delete kustomization NAME: prunes what the Kustomization applied (its
// inventory, as Flux's finalizer does, honouring spec.prune and
// deletionPolicy), then deletes the object.
#include <cstdio>
#include <memory>

#include "cli/cluster.h"
#include "cli/commands.h"
#include "engine/inventory.h"
#include "engine/ks_status.h"
#include "engine/prune.h"

namespace ferry::cli {
namespace {

struct DeleteFlags {
  ClusterFlags cluster;
  std::string name;
};

int RunDelete(const DeleteFlags& f) {
  kube::Client client;
  Status st = OpenClient(f.cluster, &client);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return 2;
  }
  k8s::ResId id;
  id.gvk = engine::KustomizationGvk();
  id.ns = f.cluster.ns.empty() ? "flux-system" : f.cluster.ns;
  id.name = f.name;
  yaml::Node live;
  st = client.Get(id, &live);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return ExitFor(st);
  }
  const yaml::Node* spec = live.Get("spec");
  std::string policy(spec ? spec->GetString("deletionPolicy") : "");
  bool prune = spec && spec->GetString("prune") == "true";
  // MirrorPrune (the default) follows spec.prune; Delete always deletes;
  // Orphan never; WaitForTermination deletes (and Flux waits).
  bool delete_objects = policy == "Delete" || policy == "WaitForTermination" ||
                        ((policy.empty() || policy == "MirrorPrune") && prune);
  if (delete_objects) {
    engine::Inventory inv = engine::Inventory::FromKustomization(live);
    std::vector<engine::ObjectId> objs = inv.Objects();
    std::reverse(objs.begin(), objs.end());
    std::vector<engine::Change> changes;
    st = engine::Prune(client, objs, id.name, id.ns, {}, &changes);
    for (const engine::Change& c : changes)
      std::printf("%s %s%s\n", c.id.Display().c_str(), engine::ActionName(c.action),
                  c.note.empty() ? "" : (" (" + c.note + ")").c_str());
    if (!st.ok()) {
      std::fprintf(stderr, "error: %s\n(the Kustomization is kept)\n", st.message().c_str());
      return 1;
    }
  } else {
    std::printf("objects kept (deletionPolicy %s, prune %s)\n",
                policy.empty() ? "MirrorPrune" : policy.c_str(), prune ? "true" : "false");
  }
  kube::DeleteOptions del;
  del.propagation_policy = "Background";
  st = client.Delete(id, del);
  if (!st.ok() && !kube::IsNotFound(st)) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return ExitFor(st);
  }
  std::printf("Kustomization %s/%s deleted\n", id.ns.c_str(), id.name.c_str());
  return 0;
}

}  // namespace

void AddDeleteCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<DeleteFlags>();
  CLI::App* del = app.add_subcommand("delete", "Delete Flux objects from the cluster");
  del->require_subcommand(1);
  CLI::App* ks = del->add_subcommand("kustomization", "A Kustomization and what it applied");
  ks->alias("ks");
  ks->add_option("name", f->name, "its name (namespace: -n, default flux-system)")->required();
  AddClusterFlags(ks, &f->cluster);
  ks->callback([f, exit_code] { *exit_code = RunDelete(*f); });
}

}  // namespace ferry::cli
