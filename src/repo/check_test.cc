// End-to-end tests of `ferry check`: the example repository is clean, and a
// copy of it with one mistake per rule reports that rule at the right line.
#include "repo/check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ferry::repo {
namespace {

namespace fs = std::filesystem;

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ferry-check-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(fs::path(FERRY_SOURCE_DIR) / "examples" / "k8s", dir_ / "k8s",
             fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces `from` by `to` in `file` (relative to the repo) and returns the
  // line number where the replacement starts.
  int Edit(const std::string& file, const std::string& from,
           const std::string& to) {
    std::ifstream in(dir_ / file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << file;
    if (at == std::string::npos) return 0;
    text.replace(at, from.size(), to);
    std::ofstream(dir_ / file) << text;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  }
  void Write(const std::string& file, const std::string& text) {
    fs::create_directories((dir_ / file).parent_path());
    std::ofstream(dir_ / file) << text;
  }

  CheckReport Run() {
    CheckOptions opts;
    opts.repo.path = dir_.string();
    CheckReport report;
    Status st = RunCheck(opts, &report);
    EXPECT_TRUE(st.ok()) << st.message();
    return report;
  }

  // Expects a diagnostic of `rule` in a file ending with `file` at `line`
  // (0: any line).
  void ExpectFinding(const CheckReport& r, const std::string& rule,
                     const std::string& file, int line) {
    std::string all;
    for (const Diagnostic& d : r.diagnostics) {
      all += d.ToString() + "\n";
      if (d.rule == rule && d.file.ends_with(file) &&
          (line == 0 || d.line == line))
        return;
    }
    ADD_FAILURE() << "no [" << rule << "] at " << file << ":" << line
                  << "; got:\n"
                  << all;
  }

  fs::path dir_;
};

TEST_F(CheckTest, ExampleRepositoryIsClean) {
  CheckReport r = Run();
  std::string all;
  for (const Diagnostic& d : r.diagnostics) all += d.ToString() + "\n";
  EXPECT_EQ(r.errors, 0) << all;
  EXPECT_EQ(r.warnings, 0) << all;
}

TEST_F(CheckTest, DependsOnMissing) {
  int line = Edit("k8s/server/sync.yaml", "- name: cnpg-system", "- name: cnpg-sytem");
  ExpectFinding(Run(), "depends-on-missing", "k8s/server/sync.yaml", line);
}

TEST_F(CheckTest, DependsOnCycle) {
  Edit("k8s/cnpg-system/sync.yaml", "    - name: cert-manager-resources",
       "    - name: cert-manager-resources\n    - name: server-django");
  ExpectFinding(Run(), "depends-on-cycle", "sync.yaml", 0);
}

TEST_F(CheckTest, PathMissing) {
  int line = Edit("k8s/server/sync.yaml", "path: ./k8s/server", "path: ./k8s/servr");
  ExpectFinding(Run(), "path-missing", "k8s/server/sync.yaml", line);
}

TEST_F(CheckTest, SourceMissing) {
  Edit("k8s/istio-ingress/sync.yaml", "kind: GitRepository\n    name: flux-system",
       "kind: GitRepository\n    name: flux-systm");
  ExpectFinding(Run(), "source-missing", "k8s/istio-ingress/sync.yaml", 0);
}

TEST_F(CheckTest, PlainTextSecret) {
  Write("k8s/server/db-secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n"
        "  password: hunter2\n");
  Edit("k8s/server/kustomization.yaml", "resources:\n", "resources:\n  - db-secret.yaml\n");
  ExpectFinding(Run(), "secret-plaintext", "k8s/server/db-secret.yaml", 6);
}

TEST_F(CheckTest, EncryptedSecretWithoutDecryption) {
  Write("k8s/istio-ingress/tls.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ndata:\n"
        "  key: ENC[AES256_GCM,data:a=,iv:b=,tag:c=,type:str]\nsops:\n"
        "  mac: ENC[AES256_GCM,data:a=,iv:b=,tag:c=,type:str]\n"
        "  version: 3.9.0\n");
  Edit("k8s/istio-ingress/kustomization.yaml", "resources:\n", "resources:\n  - tls.yaml\n");
  ExpectFinding(Run(), "secret-not-decrypted", "k8s/istio-ingress/tls.yaml", 7);
}

TEST_F(CheckTest, EncryptedGeneratorSourceWithoutDecryption) {
  Write("k8s/istio-ingress/creds.env",
        "TOKEN=ENC[AES256_GCM,data:a=,iv:b=,tag:c=,type:str]\n"
        "sops_lastmodified=2024-07-09T08:28:21Z\n"
        "sops_mac=ENC[AES256_GCM,data:a=,iv:b=,tag:c=,type:str]\n"
        "sops_age__list_0__map_recipient=age1x\n"
        "sops_age__list_0__map_enc=x\n"
        "sops_version=3.9.4\n");
  Edit("k8s/istio-ingress/kustomization.yaml", "resources:\n",
       "secretGenerator:\n  - name: creds\n    envs:\n      - creds.env\n"
       "resources:\n");
  ExpectFinding(Run(), "secret-not-decrypted", "k8s/istio-ingress/creds.env", 0);
}

TEST_F(CheckTest, FiveFieldCnpgSchedule) {
  int line = Edit("k8s/server/postgres/backup/scheduled.yaml",
                  "schedule: \"0 0 0 * * *\"", "schedule: \"0 0 * * *\"");
  ExpectFinding(Run(), "cnpg-schedule", "k8s/server/postgres/backup/scheduled.yaml", line);
}

TEST_F(CheckTest, CustomResourceViolatesItsCrd) {
  int line = Edit("k8s/server/postgres/cluster.yaml", "instances: 3", "instances: three");
  ExpectFinding(Run(), "crd-schema", "k8s/server/postgres/cluster.yaml", line);
}

TEST_F(CheckTest, BuildFailureCarriesItsOwnPosition) {
  int line = Edit("k8s/server/kustomization.yaml", "resources:\n", "resources:\n  - missing.yaml\n");
  ExpectFinding(Run(), "build-failed", "k8s/server/kustomization.yaml", line + 1);
}

TEST_F(CheckTest, FluxApiVersionInKustomizationYaml) {
  Edit("k8s/istio-ingress/kustomization.yaml", "kustomize.config.k8s.io/v1beta1",
       "kustomize.toolkit.fluxcd.io/v1");
  ExpectFinding(Run(), "kustomization-apiversion", "k8s/istio-ingress/kustomization.yaml", 1);
}

TEST_F(CheckTest, NamespaceFolderWithoutEntryPoint) {
  Write("k8s/monitoring/kustomization.yaml", "resources: []\n");
  ExpectFinding(Run(), "entry-point-missing", "monitoring", 0);
}

TEST_F(CheckTest, InvalidInterval) {
  int line = Edit("k8s/server/sync.yaml", "interval: 10m0s", "interval: 10x");
  CheckReport r = Run();
  bool found = false;
  for (const Diagnostic& d : r.diagnostics)
    found |= d.file.ends_with("k8s/server/sync.yaml") && d.line == line &&
             d.severity == Severity::kError;
  EXPECT_TRUE(found);
}

TEST_F(CheckTest, PatchTargetMatchingNothingIsAWarning) {
  Write("k8s/istio-ingress/extra-patch.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n");
  int line = Edit("k8s/istio-ingress/kustomization.yaml", "patches:\n",
                  "patches:\n  - path: extra-patch.yaml\n    target:\n      kind: ConfigMap\n"
                  "      name: no-such-config\n");
  CheckReport r = Run();
  ExpectFinding(r, "patch-no-target", "k8s/istio-ingress/kustomization.yaml", line + 3);
  EXPECT_EQ(r.errors, 0);
}

TEST_F(CheckTest, RulesCanBeDisabled) {
  Edit("k8s/server/sync.yaml", "- name: cnpg-system", "- name: cnpg-sytem");
  Write(".ferry.yaml", "disable: [depends-on-missing]\n");
  CheckReport r = Run();
  for (const Diagnostic& d : r.diagnostics) EXPECT_NE(d.rule, "depends-on-missing");
}

TEST_F(CheckTest, ObjectAnnotationDisablesARule) {
  Write("k8s/server/db-secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n"
        "    checks.ferry.dev/disable: secret-plaintext\nstringData:\n"
        "  password: hunter2\n");
  Edit("k8s/server/kustomization.yaml", "resources:\n", "resources:\n  - db-secret.yaml\n");
  CheckReport r = Run();
  for (const Diagnostic& d : r.diagnostics) EXPECT_NE(d.rule, "secret-plaintext");
}

}  // namespace
}  // namespace ferry::repo
