// Tests of the typed CNPG objects and of CheckBackups' rules.
#include "cnpg/backup.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "yaml/node.h"
#include "yaml/parse.h"

namespace ferry::cnpg {
namespace {

// The seed's layout: a cluster with a GCS object store, a daily scheduled
// backup, an on-demand one, and the three restore flavours.
constexpr const char kCluster[] = R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: postgres
  namespace: server
spec:
  instances: 3
  bootstrap:
    initdb:
      database: app
      owner: app
  backup:
    barmanObjectStore:
      destinationPath: gs://bucket/backups
      googleCredentials:
        gkeEnvironment: true
)";

constexpr const char kScheduled[] = R"(apiVersion: postgresql.cnpg.io/v1
kind: ScheduledBackup
metadata:
  name: daily
  namespace: server
spec:
  schedule: "0 0 0 * * *"
  immediate: true
  backupOwnerReference: self
  cluster:
    name: postgres
)";

// Parsed objects kept alive for the pointers handed to CheckBackups.
struct Objects {
  std::vector<yaml::Node> docs;
  std::vector<const yaml::Node*> ptrs;
};

Objects Parse(const std::string& text) {
  Objects o;
  Status st = yaml::ParseDocuments(text, "k8s/server/postgres.yaml", &o.docs);
  EXPECT_TRUE(st.ok()) << st.message();
  for (const yaml::Node& d : o.docs) o.ptrs.push_back(&d);
  return o;
}

std::vector<Finding> Check(const std::string& text, Objects* keep) {
  *keep = Parse(text);
  return CheckBackups(keep->ptrs);
}

std::string Rules(const std::vector<Finding>& fs) {
  std::string r;
  for (const Finding& f : fs) r += (r.empty() ? "" : " ") + f.rule;
  return r;
}

TEST(BackupTest, ReadsTypedObjects) {
  Objects o = Parse(std::string(kCluster) + "---\n" + kScheduled +
                    R"(---
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata:
  name: on-demand
spec:
  method: volumeSnapshot
  cluster:
    name: postgres
)");
  std::optional<Cluster> c = ReadCluster(o.docs[0]);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "postgres");
  EXPECT_EQ(c->namespace_, "server");
  EXPECT_EQ(c->instances, 3);
  ASSERT_TRUE(c->barman_object_store.has_value());
  EXPECT_EQ(c->barman_object_store->destination_path, "gs://bucket/backups");
  EXPECT_EQ(c->barman_object_store->provider, "google");
  EXPECT_EQ(c->barman_object_store->node->mark().line, 14u);
  EXPECT_EQ(c->volume_snapshot, nullptr);
  EXPECT_EQ(c->bootstrap.method, Bootstrap::Method::kInitdb);
  EXPECT_EQ(c->bootstrap.database, "app");
  EXPECT_FALSE(ReadBackup(o.docs[0]).has_value());

  std::optional<ScheduledBackup> s = ReadScheduledBackup(o.docs[1]);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->schedule, "0 0 0 * * *");
  EXPECT_EQ(s->target.cluster_name, "postgres");
  EXPECT_EQ(s->target.EffectiveMethod(), "barmanObjectStore");
  EXPECT_EQ(s->backup_owner_reference, "self");
  EXPECT_TRUE(s->immediate);
  EXPECT_FALSE(s->suspend);
  EXPECT_EQ(s->schedule_node->mark().line, 24u);

  std::optional<Backup> b = ReadBackup(o.docs[2]);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->name, "on-demand");
  EXPECT_EQ(b->target.method, "volumeSnapshot");
  EXPECT_EQ(b->target.cluster_name, "postgres");

  // Another group's Cluster is not CNPG's.
  yaml::Node other;
  ASSERT_TRUE(yaml::ParseDocument("apiVersion: other.io/v1\nkind: Cluster\n",
                                  "x.yaml", &other)
                  .ok());
  EXPECT_FALSE(ReadCluster(other).has_value());
}

TEST(BackupTest, ReadsRecoveryBootstraps) {
  Objects o = Parse(R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: restored}
spec:
  instances: 1
  bootstrap:
    recovery:
      source: origin
      backup:
        name: backup-1
  externalClusters:
    - name: origin
      barmanObjectStore:
        destinationPath: s3://b/p
        serverName: postgres
        s3Credentials: {}
      connectionParameters:
        host: postgres-rw
        user: streaming_replica
)");
  std::optional<Cluster> c = ReadCluster(o.docs[0]);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->bootstrap.method, Bootstrap::Method::kRecovery);
  EXPECT_EQ(c->bootstrap.source, "origin");
  EXPECT_EQ(c->bootstrap.backup_name, "backup-1");
  ASSERT_EQ(c->external_clusters.size(), 1u);
  const ExternalCluster* e = c->FindExternalCluster("origin");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->barman_object_store->server_name, "postgres");
  EXPECT_EQ(e->barman_object_store->provider, "s3");
  ASSERT_EQ(e->connection_parameters.size(), 2u);
  EXPECT_EQ(e->connection_parameters[0].first, "host");
  EXPECT_EQ(e->connection_parameters[1].second, "streaming_replica");
  EXPECT_EQ(c->FindExternalCluster("nope"), nullptr);
}

TEST(BackupTest, CleanSeedLayoutHasNoFindings) {
  Objects o;
  EXPECT_EQ(Rules(Check(std::string(kCluster) + "---\n" + kScheduled, &o)), "");
  // Descriptors are valid schedules too.
  std::string s = kScheduled;
  s.replace(s.find("\"0 0 0 * * *\""), 13, "\"@daily\"");
  EXPECT_EQ(Rules(Check(std::string(kCluster) + "---\n" + s, &o)), "");
}

TEST(BackupTest, ScheduleRule) {
  Objects o;
  std::string five = kScheduled;
  five.replace(five.find("\"0 0 0 * * *\""), 13, "\"0 0 * * *\"");
  std::vector<Finding> fs = Check(std::string(kCluster) + "---\n" + five, &o);
  ASSERT_EQ(Rules(fs), "cnpg-schedule");
  EXPECT_NE(fs[0].message.find("5 fields"), std::string::npos) << fs[0].message;
  EXPECT_EQ(fs[0].node->mark().line, 24u);  // the schedule's line

  std::string bad = kScheduled;
  bad.replace(bad.find("\"0 0 0 * * *\""), 13, "\"0 0 25 * * *\"");
  fs = Check(std::string(kCluster) + "---\n" + bad, &o);
  ASSERT_EQ(Rules(fs), "cnpg-schedule");
  EXPECT_NE(fs[0].message.find("hours field \"25\""), std::string::npos)
      << fs[0].message;

  std::string none = kScheduled;
  none.erase(none.find("  schedule:"),
             std::string("  schedule: \"0 0 0 * * *\"\n").size());
  fs = Check(std::string(kCluster) + "---\n" + none, &o);
  ASSERT_EQ(Rules(fs), "cnpg-schedule");
  EXPECT_NE(fs[0].message.find("has no spec.schedule"), std::string::npos);
}

TEST(BackupTest, ClusterRefRule) {
  Objects o;
  std::string other = kScheduled;
  other.replace(other.find("name: postgres"), 14, "name: postgress");
  std::vector<Finding> fs = Check(std::string(kCluster) + "---\n" + other, &o);
  ASSERT_EQ(Rules(fs), "cnpg-cluster-ref");
  EXPECT_EQ(fs[0].message,
            "ScheduledBackup \"daily\" refers to Cluster \"postgress\", which "
            "is not defined in namespace \"server\"");
  EXPECT_EQ(fs[0].node->mark().line, 28u);

  // Same name in another namespace does not count.
  std::string ns = kScheduled;
  ns.replace(ns.find("namespace: server"), 17, "namespace: other");
  EXPECT_EQ(Rules(Check(std::string(kCluster) + "---\n" + ns, &o)),
            "cnpg-cluster-ref");

  // An on-demand Backup is checked the same way.
  EXPECT_EQ(Rules(Check(std::string(kCluster) + R"(---
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata: {name: now}
spec:
  cluster: {name: missing}
)",
                        &o)),
            "cnpg-cluster-ref");
  // Passing: a Backup of an existing cluster (no namespace: matches any).
  EXPECT_EQ(Rules(Check(std::string(kCluster) + R"(---
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata: {name: now}
spec:
  cluster: {name: postgres}
)",
                        &o)),
            "");
}

TEST(BackupTest, BackupConfigRule) {
  Objects o;
  constexpr const char kBare[] = R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: postgres, namespace: server}
spec:
  instances: 1
)";
  std::vector<Finding> fs =
      Check(std::string(kBare) + "---\n" + kScheduled, &o);
  ASSERT_EQ(Rules(fs), "cnpg-backup-config");
  EXPECT_NE(fs[0].message.find("(the default), but Cluster \"postgres\" "
                               "(k8s/server/postgres.yaml:1) has no "
                               "spec.backup.barmanObjectStore"),
            std::string::npos)
      << fs[0].message;

  // volumeSnapshot method against a cluster with only an object store.
  std::string snap = kScheduled;
  snap += "  method: volumeSnapshot\n";
  fs = Check(std::string(kCluster) + "---\n" + snap, &o);
  ASSERT_EQ(Rules(fs), "cnpg-backup-config");
  EXPECT_NE(fs[0].message.find("no spec.backup.volumeSnapshot"),
            std::string::npos);
  EXPECT_EQ(fs[0].node->mark().line, 29u);  // the method line

  // Passing: volume snapshots configured, and the plugin method.
  std::string with_snap = std::string(kBare) +
                          "  backup:\n    volumeSnapshot:\n"
                          "      className: csi-snap\n";
  EXPECT_EQ(Rules(Check(with_snap + "---\n" + snap, &o)), "");
  std::string plugin = kScheduled;
  plugin +=
      "  method: plugin\n  pluginConfiguration:\n"
      "    name: barman-cloud.cloudnative-pg.io\n";
  EXPECT_EQ(Rules(Check(std::string(kBare) + "---\n" + plugin, &o)), "");
}

TEST(BackupTest, RecoverySourceRule) {
  Objects o;
  constexpr const char kRestore[] = R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: restored, namespace: server}
spec:
  instances: 1
  bootstrap:
    recovery:
      source: postgres-backup
  externalClusters:
    - name: postgres
      barmanObjectStore:
        destinationPath: gs://bucket/backups
)";
  std::vector<Finding> fs = Check(kRestore, &o);
  ASSERT_EQ(Rules(fs), "cnpg-recovery-source");
  EXPECT_EQ(fs[0].message,
            "Cluster \"restored\": bootstrap.recovery.source "
            "\"postgres-backup\" names no spec.externalClusters entry "
            "(defined: \"postgres\")");
  EXPECT_EQ(fs[0].node->mark().line, 8u);

  std::string good = kRestore;
  good.replace(good.find("source: postgres-backup"), 23, "source: postgres");
  EXPECT_EQ(Rules(Check(good, &o)), "");

  // Recovery from an entry without an object store cannot work.
  std::string no_store = R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: restored}
spec:
  bootstrap:
    recovery: {source: origin}
  externalClusters:
    - name: origin
      connectionParameters: {host: pg}
)";
  EXPECT_EQ(Rules(Check(no_store, &o)), "cnpg-recovery-source");

  // pg_basebackup needs connection parameters; with them it passes.
  std::string live = R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: clone}
spec:
  bootstrap:
    pg_basebackup: {source: origin}
  externalClusters:
    - name: origin
      connectionParameters: {host: pg, user: streaming_replica}
)";
  EXPECT_EQ(Rules(Check(live, &o)), "");
  std::string live_missing = live;
  live_missing.replace(live_missing.find("{source: origin}"), 16,
                       "{source: nope}");
  EXPECT_EQ(Rules(Check(live_missing, &o)), "cnpg-recovery-source");

  // Recovery from a Backup object needs no source.
  EXPECT_EQ(Rules(Check(R"(apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: restored}
spec:
  bootstrap:
    recovery:
      backup: {name: backup-1}
)",
                        &o)),
            "");
}

TEST(BackupTest, IgnoresOtherObjects) {
  Objects o;
  EXPECT_EQ(Rules(Check(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: x}
---
---
apiVersion: batch/v1
kind: CronJob
spec: {schedule: "0 0 * * *"}
)",
                        &o)),
            "");
}

}  // namespace
}  // namespace ferry::cnpg
