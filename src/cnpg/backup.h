// Typed views of CloudNativePG's postgresql.cnpg.io/v1 Cluster, Backup and
// ScheduledBackup, read from parsed objects (the nodes are kept for
// positions, so they must outlive the views), and the offline checks of
// their backup and recovery wiring.
#ifndef FERRY_CNPG_BACKUP_H_
#define FERRY_CNPG_BACKUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cnpg/finding.h"

namespace ferry::yaml {
class Node;
}

namespace ferry::cnpg {

/// The API group of CloudNativePG's kinds.
inline constexpr const char kCnpgGroup[] = "postgresql.cnpg.io";

/// A barmanObjectStore section: where Barman Cloud keeps base backups and
/// WAL files (in spec.backup or in an externalClusters entry).
struct BarmanObjectStore {
  const yaml::Node* node = nullptr;  // the barmanObjectStore mapping
  std::string destination_path;
  std::string endpoint_url;
  std::string server_name;
  /// "s3", "google" or "azure" from the credentials section present, or "".
  std::string provider;
};

/// One spec.externalClusters entry: a source for recovery or pg_basebackup.
struct ExternalCluster {
  const yaml::Node* node = nullptr;  // the entry
  std::string name;
  std::optional<BarmanObjectStore> barman_object_store;
  /// connectionParameters in source order (e.g. host, user, dbname).
  std::vector<std::pair<std::string, std::string>> connection_parameters;
  /// True when the entry delegates to a CNPG-I plugin (`plugin:`).
  bool has_plugin = false;
};

/// spec.bootstrap: how a Cluster's first instance is created.
struct Bootstrap {
  enum class Method { kNone, kInitdb, kRecovery, kPgBasebackup };
  Method method = Method::kNone;
  const yaml::Node* node = nullptr;  // the initdb/recovery/pg_basebackup map
  /// recovery.source or pg_basebackup.source ("" when absent).
  std::string source;
  const yaml::Node* source_node = nullptr;
  /// recovery.backup.name ("" when absent).
  std::string backup_name;
  const yaml::Node* backup_name_node = nullptr;
  /// initdb.database and initdb.owner ("" when absent).
  std::string database;
  std::string owner;
};

/// A postgresql.cnpg.io Cluster, as far as backups and restores care.
struct Cluster {
  const yaml::Node* node = nullptr;  // the whole object
  std::string name;
  std::string namespace_;
  std::optional<int64_t> instances;
  const yaml::Node* backup_node = nullptr;  // spec.backup
  std::optional<BarmanObjectStore> barman_object_store;
  const yaml::Node* volume_snapshot = nullptr;  // spec.backup.volumeSnapshot
  Bootstrap bootstrap;
  std::vector<ExternalCluster> external_clusters;
  /// Names of spec.plugins entries (CNPG-I, e.g. barman-cloud).
  std::vector<std::string> plugins;

  const ExternalCluster* FindExternalCluster(std::string_view name) const;
};

/// What a Backup or ScheduledBackup asks for: the shared part of their specs.
struct BackupTarget {
  std::string cluster_name;  // spec.cluster.name
  const yaml::Node* cluster_name_node = nullptr;
  /// spec.method as written ("" means the default, barmanObjectStore).
  std::string method;
  const yaml::Node* method_node = nullptr;
  /// spec.pluginConfiguration.name for the plugin method.
  std::string plugin_name;

  /// The method in effect: "barmanObjectStore" when none is written.
  std::string EffectiveMethod() const;
};

/// A postgresql.cnpg.io Backup (an on-demand backup).
struct Backup {
  const yaml::Node* node = nullptr;
  std::string name;
  std::string namespace_;
  BackupTarget target;
};

/// A postgresql.cnpg.io ScheduledBackup.
struct ScheduledBackup {
  const yaml::Node* node = nullptr;
  std::string name;
  std::string namespace_;
  std::string schedule;
  const yaml::Node* schedule_node = nullptr;
  BackupTarget target;
  /// spec.backupOwnerReference: "none" (default), "self" or "cluster".
  std::string backup_owner_reference;
  bool immediate = false;
  bool suspend = false;
};

/// Reads `obj` when it is a postgresql.cnpg.io object of that kind; fields
/// of an unexpected shape are left empty (schema validation reports them).
std::optional<Cluster> ReadCluster(const yaml::Node& obj);
std::optional<Backup> ReadBackup(const yaml::Node& obj);
std::optional<ScheduledBackup> ReadScheduledBackup(const yaml::Node& obj);

/// Checks the backup and recovery wiring of the CNPG objects among
/// `objects` (others are ignored). Rules:
///   cnpg-schedule        a ScheduledBackup's schedule is missing, invalid,
///                        or has 5 fields (CNPG reads seconds first);
///   cnpg-cluster-ref     a Backup's or ScheduledBackup's cluster.name is
///                        not a Cluster among the objects (same namespace;
///                        an unset namespace matches any);
///   cnpg-backup-config   that Cluster cannot make the backup asked for:
///                        method barmanObjectStore (the default) without
///                        spec.backup.barmanObjectStore, or volumeSnapshot
///                        without spec.backup.volumeSnapshot (the plugin
///                        method is configured by its plugin, not checked);
///   cnpg-recovery-source bootstrap.recovery.source or
///                        bootstrap.pg_basebackup.source names no
///                        externalClusters entry, or an entry that cannot
///                        serve it (recovery needs barmanObjectStore or a
///                        plugin; pg_basebackup needs connectionParameters).
std::vector<Finding> CheckBackups(
    const std::vector<const yaml::Node*>& objects);

}  // namespace ferry::cnpg

#endif  // FERRY_CNPG_BACKUP_H_
