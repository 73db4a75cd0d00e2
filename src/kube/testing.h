// Helpers for tests that need a real cluster (GoogleTest only). The cluster
// is named by env FERRY_TEST_KUBECONFIG (admin) and FERRY_TEST_KUBECONFIG_USER
// (an unprivileged user); when unset the test is skipped, unless
// FERRY_REQUIRE_CLUSTER=1, which makes it fail instead (CI).
//
//   TEST(Apply, Works) {
//     FERRY_CLUSTER_OR_SKIP(client);              // ferry::kube::Client client
//     ferry::kube::testing::TestNamespace ns(client, "engine-t-");
//     ... ns.name() ...                           // deleted at scope end
//   }
#ifndef FERRY_KUBE_TESTING_H_
#define FERRY_KUBE_TESTING_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <string>

#include "kube/client.h"
#include "kube/config.h"
#include "yaml/node.h"

namespace ferry::kube::testing {

/// $FERRY_TEST_KUBECONFIG, or "".
inline std::string AdminKubeconfig() {
  const char* p = std::getenv("FERRY_TEST_KUBECONFIG");
  return p ? p : "";
}
/// $FERRY_TEST_KUBECONFIG_USER, or "".
inline std::string UserKubeconfig() {
  const char* p = std::getenv("FERRY_TEST_KUBECONFIG_USER");
  return p ? p : "";
}
/// True when FERRY_REQUIRE_CLUSTER=1: a missing cluster is a failure.
inline bool ClusterRequired() {
  const char* p = std::getenv("FERRY_REQUIRE_CLUSTER");
  return p && std::string(p) == "1";
}

/// Opens a Client for the kubeconfig at `path` (no context override).
inline Status OpenTestClient(const std::string& path, Client* out) {
  ConfigOverrides o;
  o.kubeconfig = path;
  RestConfig cfg;
  FERRY_RETURN_IF_ERROR(LoadRestConfig(o, &cfg));
  return Client::Open(cfg, out);
}

/// A namespace PREFIX + random suffix, applied on construction and deleted
/// (in the background) on destruction.
class TestNamespace {
 public:
  TestNamespace(const Client& client, const std::string& prefix)
      : client_(client) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    name_ = prefix + std::to_string(getpid() % 100000) + "-" +
            std::to_string(counter++) + "-" + std::to_string(rd() % 100000);
    yaml::Node ns = yaml::Node::Map();
    ns.Set("apiVersion", yaml::Node::Str("v1"));
    ns.Set("kind", yaml::Node::Str("Namespace"));
    ns.GetOrAddMap("metadata").Set("name", yaml::Node::Str(name_));
    ApplyOptions ao;
    ao.field_manager = "ferry-test";
    Status st = client_.Apply(ns, ao, nullptr);
    EXPECT_TRUE(st.ok()) << st.message();
  }
  ~TestNamespace() {
    k8s::ResId id;
    id.gvk = {"", "v1", "Namespace"};
    id.name = name_;
    DeleteOptions d;
    d.propagation_policy = "Background";
    (void)client_.Delete(id, d);
  }
  TestNamespace(const TestNamespace&) = delete;
  TestNamespace& operator=(const TestNamespace&) = delete;
  const std::string& name() const { return name_; }

 private:
  Client client_;
  std::string name_;
};

}  // namespace ferry::kube::testing

/// Declares `ferry::kube::Client var` for the kubeconfig in env `envvar`, or
/// skips the test (fails it with FERRY_REQUIRE_CLUSTER=1) when unset.
#define FERRY_CLUSTER_CLIENT_OR_SKIP_(var, envvar)                         \
  ::ferry::kube::Client var;                                               \
  do {                                                                     \
    const char* _p = std::getenv(envvar);                                  \
    if (_p == nullptr || *_p == '\0') {                                    \
      if (::ferry::kube::testing::ClusterRequired())                       \
        FAIL() << envvar " is not set and FERRY_REQUIRE_CLUSTER=1";        \
      GTEST_SKIP() << envvar " is not set (no cluster)";                   \
    }                                                                      \
    ::ferry::Status _st = ::ferry::kube::testing::OpenTestClient(_p, &var); \
    ASSERT_TRUE(_st.ok()) << _st.message();                                \
  } while (0)

/// `ferry::kube::Client var` for the admin kubeconfig, or skip.
#define FERRY_CLUSTER_OR_SKIP(var) \
  FERRY_CLUSTER_CLIENT_OR_SKIP_(var, "FERRY_TEST_KUBECONFIG")
/// `ferry::kube::Client var` for the unprivileged user's kubeconfig, or skip.
#define FERRY_USER_CLUSTER_OR_SKIP(var) \
  FERRY_CLUSTER_CLIENT_OR_SKIP_(var, "FERRY_TEST_KUBECONFIG_USER")
/// Skips (or fails) the test when there is no admin kubeconfig; for tests
/// that read the path themselves.
#define FERRY_REQUIRE_CLUSTER_OR_SKIP()                                       \
  do {                                                                        \
    if (::ferry::kube::testing::AdminKubeconfig().empty()) {                  \
      if (::ferry::kube::testing::ClusterRequired())                          \
        FAIL() << "FERRY_TEST_KUBECONFIG is not set and FERRY_REQUIRE_CLUSTER=1"; \
      GTEST_SKIP() << "FERRY_TEST_KUBECONFIG is not set (no cluster)";        \
    }                                                                         \
  } while (0)

#endif  // FERRY_KUBE_TESTING_H_
