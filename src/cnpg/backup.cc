#include "cnpg/backup.h"

#include "cnpg/cron.h"
#include "k8s/gvk.h"
#include "yaml/node.h"
#include "yaml/resolve.h"

namespace ferry::cnpg {
namespace {

bool IsCnpgKind(const yaml::Node& obj, std::string_view kind) {
  if (!obj.IsMap()) return false;
  k8s::Gvk gvk = k8s::Gvk::FromNode(obj);
  return gvk.group == kCnpgGroup && gvk.kind == kind;
}

const yaml::Node* Map(const yaml::Node* n) {
  return n != nullptr && n->IsMap() ? n : nullptr;
}

const yaml::Node* ScalarAt(const yaml::Node* map, std::string_view key) {
  if (map == nullptr || !map->IsMap()) return nullptr;
  const yaml::Node* v = map->Get(key);
  return v != nullptr && v->IsScalar() ? v : nullptr;
}

std::string StringAt(const yaml::Node* map, std::string_view key) {
  const yaml::Node* v = ScalarAt(map, key);
  return v != nullptr ? v->value() : std::string();
}

bool BoolAt(const yaml::Node* map, std::string_view key) {
  const yaml::Node* v = ScalarAt(map, key);
  if (v == nullptr || yaml::ResolveV3(*v) != yaml::ScalarType::kBool) {
    return false;
  }
  return v->value() == "true" || v->value() == "True" || v->value() == "TRUE";
}

void ReadMetadata(const yaml::Node& obj, std::string* name, std::string* ns) {
  const yaml::Node* md = Map(obj.Get("metadata"));
  *name = StringAt(md, "name");
  *ns = StringAt(md, "namespace");
}

std::optional<BarmanObjectStore> ReadBarman(const yaml::Node* n) {
  if (Map(n) == nullptr) return std::nullopt;
  BarmanObjectStore b;
  b.node = n;
  b.destination_path = StringAt(n, "destinationPath");
  b.endpoint_url = StringAt(n, "endpointURL");
  b.server_name = StringAt(n, "serverName");
  if (n->Get("s3Credentials") != nullptr) {
    b.provider = "s3";
  } else if (n->Get("googleCredentials") != nullptr) {
    b.provider = "google";
  } else if (n->Get("azureCredentials") != nullptr) {
    b.provider = "azure";
  }
  return b;
}

BackupTarget ReadTarget(const yaml::Node* spec) {
  BackupTarget t;
  t.cluster_name_node =
      ScalarAt(Map(spec ? spec->Get("cluster") : nullptr), "name");
  if (t.cluster_name_node) t.cluster_name = t.cluster_name_node->value();
  t.method_node = ScalarAt(spec, "method");
  if (t.method_node) t.method = t.method_node->value();
  t.plugin_name =
      StringAt(Map(spec ? spec->Get("pluginConfiguration") : nullptr), "name");
  return t;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Where(const yaml::Node* n) {
  if (n == nullptr || n->mark().File().empty()) return "";
  return " (" + std::string(n->mark().File()) + ":" +
         std::to_string(n->mark().line) + ")";
}

bool SameNamespace(std::string_view a, std::string_view b) {
  return a.empty() || b.empty() || a == b;
}

}  // namespace

const ExternalCluster* Cluster::FindExternalCluster(
    std::string_view name) const {
  for (const ExternalCluster& e : external_clusters)
    if (e.name == name) return &e;
  return nullptr;
}

std::string BackupTarget::EffectiveMethod() const {
  return method.empty() ? "barmanObjectStore" : method;
}

std::optional<Cluster> ReadCluster(const yaml::Node& obj) {
  if (!IsCnpgKind(obj, "Cluster")) return std::nullopt;
  Cluster c;
  c.node = &obj;
  ReadMetadata(obj, &c.name, &c.namespace_);
  const yaml::Node* spec = Map(obj.Get("spec"));
  if (spec == nullptr) return c;

  if (const yaml::Node* n = ScalarAt(spec, "instances")) {
    int64_t v = 0;
    if (yaml::ResolveV3(*n) == yaml::ScalarType::kInt &&
        yaml::ParseGoInt(n->value(), &v)) {
      c.instances = v;
    }
  }
  if (const yaml::Node* backup = Map(spec->Get("backup"))) {
    c.backup_node = backup;
    c.barman_object_store = ReadBarman(backup->Get("barmanObjectStore"));
    c.volume_snapshot = Map(backup->Get("volumeSnapshot"));
  }
  if (const yaml::Node* boot = Map(spec->Get("bootstrap"))) {
    Bootstrap& b = c.bootstrap;
    if (const yaml::Node* r = Map(boot->Get("recovery"))) {
      b.method = Bootstrap::Method::kRecovery;
      b.node = r;
      b.backup_name_node = ScalarAt(Map(r->Get("backup")), "name");
      if (b.backup_name_node) b.backup_name = b.backup_name_node->value();
    } else if (const yaml::Node* p = Map(boot->Get("pg_basebackup"))) {
      b.method = Bootstrap::Method::kPgBasebackup;
      b.node = p;
    } else if (const yaml::Node* i = Map(boot->Get("initdb"))) {
      b.method = Bootstrap::Method::kInitdb;
      b.node = i;
      b.database = StringAt(i, "database");
      b.owner = StringAt(i, "owner");
    }
    b.source_node = ScalarAt(b.node, "source");
    if (b.source_node) b.source = b.source_node->value();
  }
  if (const yaml::Node* ext = spec->Get("externalClusters");
      ext != nullptr && ext->IsSeq()) {
    for (const yaml::Node& item : ext->items()) {
      if (!item.IsMap()) continue;
      ExternalCluster e;
      e.node = &item;
      e.name = StringAt(&item, "name");
      e.barman_object_store = ReadBarman(item.Get("barmanObjectStore"));
      e.has_plugin = Map(item.Get("plugin")) != nullptr;
      if (const yaml::Node* cp = Map(item.Get("connectionParameters"))) {
        for (const yaml::Pair& p : cp->pairs())
          e.connection_parameters.emplace_back(p.key.value(), p.value.value());
      }
      c.external_clusters.push_back(std::move(e));
    }
  }
  if (const yaml::Node* plugins = spec->Get("plugins");
      plugins != nullptr && plugins->IsSeq()) {
    for (const yaml::Node& p : plugins->items()) {
      std::string name = StringAt(&p, "name");
      if (!name.empty()) c.plugins.push_back(std::move(name));
    }
  }
  return c;
}

std::optional<Backup> ReadBackup(const yaml::Node& obj) {
  if (!IsCnpgKind(obj, "Backup")) return std::nullopt;
  Backup b;
  b.node = &obj;
  ReadMetadata(obj, &b.name, &b.namespace_);
  b.target = ReadTarget(Map(obj.Get("spec")));
  return b;
}

std::optional<ScheduledBackup> ReadScheduledBackup(const yaml::Node& obj) {
  if (!IsCnpgKind(obj, "ScheduledBackup")) return std::nullopt;
  ScheduledBackup s;
  s.node = &obj;
  ReadMetadata(obj, &s.name, &s.namespace_);
  const yaml::Node* spec = Map(obj.Get("spec"));
  s.target = ReadTarget(spec);
  s.schedule_node = ScalarAt(spec, "schedule");
  if (s.schedule_node) s.schedule = s.schedule_node->value();
  s.backup_owner_reference = StringAt(spec, "backupOwnerReference");
  if (s.backup_owner_reference.empty()) s.backup_owner_reference = "none";
  s.immediate = BoolAt(spec, "immediate");
  s.suspend = BoolAt(spec, "suspend");
  return s;
}

namespace {

// Checks what a Backup or ScheduledBackup (`what`, e.g. `ScheduledBackup
// "daily"`) asks of its Cluster.
void CheckTarget(const yaml::Node& obj, std::string_view what,
                 std::string_view ns, const BackupTarget& t,
                 const std::vector<Cluster>& clusters,
                 std::vector<Finding>* out) {
  const yaml::Node* at = t.cluster_name_node ? t.cluster_name_node : &obj;
  if (t.cluster_name.empty()) {
    out->push_back({at, std::string(what) + " has no spec.cluster.name",
                    "cnpg-cluster-ref"});
    return;
  }
  const Cluster* cluster = nullptr;
  for (const Cluster& c : clusters) {
    if (c.name == t.cluster_name && SameNamespace(c.namespace_, ns)) {
      cluster = &c;
      break;
    }
  }
  if (cluster == nullptr) {
    std::string msg = std::string(what) + " refers to Cluster " +
                      Quote(t.cluster_name) + ", which is not defined";
    if (!ns.empty()) msg += " in namespace " + Quote(ns);
    out->push_back({at, msg, "cnpg-cluster-ref"});
    return;
  }
  std::string method = t.EffectiveMethod();
  std::string cl = "Cluster " + Quote(cluster->name) + Where(cluster->node);
  if (method == "barmanObjectStore" && !cluster->barman_object_store) {
    std::string msg = std::string(what) + " uses the barmanObjectStore method";
    if (t.method.empty()) msg += " (the default)";
    msg += ", but " + cl + " has no spec.backup.barmanObjectStore";
    if (cluster->volume_snapshot != nullptr) {
      msg += " (it configures volumeSnapshot: set method: volumeSnapshot)";
    } else if (!cluster->plugins.empty()) {
      msg += " (it uses plugin " + Quote(cluster->plugins[0]) +
             ": set method: plugin)";
    } else {
      msg += "; the backup would fail";
    }
    out->push_back(
        {t.method_node ? t.method_node : at, msg, "cnpg-backup-config"});
  } else if (method == "volumeSnapshot" &&
             cluster->volume_snapshot == nullptr) {
    out->push_back({t.method_node ? t.method_node : at,
                    std::string(what) +
                        " uses the volumeSnapshot method, but " + cl +
                        " has no spec.backup.volumeSnapshot",
                    "cnpg-backup-config"});
  }
}

void CheckBootstrapSource(const Cluster& c, std::vector<Finding>* out) {
  const Bootstrap& b = c.bootstrap;
  bool recovery = b.method == Bootstrap::Method::kRecovery;
  if (!recovery && b.method != Bootstrap::Method::kPgBasebackup) return;
  const char* section = recovery ? "recovery" : "pg_basebackup";
  std::string what = "Cluster " + Quote(c.name) + ": bootstrap." + section +
                     ".source " + Quote(b.source);
  if (b.source.empty()) {
    if (!recovery) {  // pg_basebackup cannot work without a source
      out->push_back({b.node,
                      "Cluster " + Quote(c.name) +
                          ": bootstrap.pg_basebackup has no source",
                      "cnpg-recovery-source"});
    }
    return;
  }
  const ExternalCluster* e = c.FindExternalCluster(b.source);
  if (e == nullptr) {
    std::string msg = what + " names no spec.externalClusters entry";
    if (c.external_clusters.empty()) {
      msg += " (there are none)";
    } else {
      msg += " (defined:";
      for (size_t i = 0; i < c.external_clusters.size(); ++i)
        msg += (i ? ", " : " ") + Quote(c.external_clusters[i].name);
      msg += ")";
    }
    out->push_back({b.source_node, msg, "cnpg-recovery-source"});
    return;
  }
  if (recovery && !e->barman_object_store && !e->has_plugin) {
    out->push_back({e->node,
                    what + " names an external cluster with neither "
                           "barmanObjectStore nor plugin to recover from",
                    "cnpg-recovery-source"});
  } else if (!recovery && e->connection_parameters.empty()) {
    out->push_back({e->node,
                    what + " names an external cluster without "
                           "connectionParameters to connect to",
                    "cnpg-recovery-source"});
  }
}

}  // namespace

std::vector<Finding> CheckBackups(
    const std::vector<const yaml::Node*>& objects) {
  std::vector<Cluster> clusters;
  std::vector<Backup> backups;
  std::vector<ScheduledBackup> scheduled;
  for (const yaml::Node* obj : objects) {
    if (obj == nullptr) continue;
    if (auto c = ReadCluster(*obj)) {
      clusters.push_back(std::move(*c));
    } else if (auto b = ReadBackup(*obj)) {
      backups.push_back(std::move(*b));
    } else if (auto s = ReadScheduledBackup(*obj)) {
      scheduled.push_back(std::move(*s));
    }
  }

  std::vector<Finding> out;
  for (const ScheduledBackup& s : scheduled) {
    std::string what = "ScheduledBackup " + Quote(s.name);
    if (s.schedule_node == nullptr) {
      out.push_back({s.node, what + " has no spec.schedule", "cnpg-schedule"});
    } else {
      CronSchedule cron;
      Status st = CronSchedule::Parse(s.schedule, &cron);
      if (!st.ok()) {
        std::string msg = st.message();
        if (msg.rfind("error: ", 0) == 0) msg.erase(0, 7);
        out.push_back({s.schedule_node, msg, "cnpg-schedule"});
      }
    }
    CheckTarget(*s.node, what, s.namespace_, s.target, clusters, &out);
  }
  for (const Backup& b : backups) {
    CheckTarget(*b.node, "Backup " + Quote(b.name), b.namespace_, b.target,
                clusters, &out);
  }
  for (const Cluster& c : clusters) CheckBootstrapSource(c, &out);
  return out;
}

}  // namespace ferry::cnpg
