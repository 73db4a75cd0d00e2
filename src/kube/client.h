// Client: talks to one Kubernetes API server for a RestConfig. Safe to use
// from many threads at once: every request goes through one libcurl multi
// handle (one HTTP/2 connection multiplexing all requests when the server
// offers h2, else a reused pool of HTTP/1.1 connections), with timeouts and
// retries. Objects in and out are yaml::Node trees (the JSON the server
// speaks is parsed by the yaml layer); errors are Statuses with a Reason
// (kube/errors.h) and a message naming the object.
//
// Retries (each request, up to ClientOptions::retry_budget, exponential
// backoff from 100 ms to 5 s, Retry-After honoured):
//  - a connection that could not be made (refused, DNS, TLS connect timeout):
//    every method, since nothing reached the server;
//  - 429 Too Many Requests: every method (the server did not process it);
//  - other transport failures (reset, timeout, empty reply) and 500/502/503/
//    504: only idempotent requests: GET, PUT (guarded by resourceVersion),
//    DELETE (a repeat answers NotFound at worst), server-side apply, merge
//    and strategic-merge patches (applying one twice gives the same object).
//    A POST (create) or a JSON patch (RFC 6902 "add" to a list is not
//    idempotent) is then not repeated, since it may have been applied: the
//    caller sees the error. A 500 InternalError is tried 3 times at most.
//  - 1.20's HTTP 500 for a server-side apply of a field the schema lacks is
//    Invalid and never retried.
#ifndef FERRY_KUBE_CLIENT_H_
#define FERRY_KUBE_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/gvk.h"
#include "k8s/resource_id.h"
#include "kube/config.h"
#include "kube/errors.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kube {

class WatchStream;
struct WatchOptions;
class ClientImpl;

/// Tuning of a Client (the defaults suit a command-line run).
struct ClientOptions {
  std::chrono::milliseconds connect_timeout{10000};
  /// One attempt of one request, from send to the last byte.
  std::chrono::milliseconds request_timeout{60000};
  /// Total time one request may spend retrying (0: no retries).
  std::chrono::milliseconds retry_budget{60000};
  std::string user_agent = "ferry";
  /// Called (from the requesting thread) before each retry with the error
  /// and the wait, e.g. to show "API server unreachable, retrying".
  std::function<void(const std::string& error, std::chrono::milliseconds wait)> on_retry;
};

/// Impersonation headers (Impersonate-User, Impersonate-Group), as kubectl
/// --as/--as-group and Flux's serviceAccountName use them.
struct Impersonation {
  std::string user;  // e.g. system:serviceaccount:NS:NAME
  std::vector<std::string> groups;
  bool empty() const { return user.empty() && groups.empty(); }
};

/// Where a group/version/kind lives in the REST API.
struct RestMapping {
  k8s::Gvk gvk;
  std::string resource;  // plural, e.g. "deployments"
  bool namespaced = false;
  std::vector<std::string> verbs;
};

/// One API group with its versions, from /api and /apis (core is "").
struct ApiGroup {
  std::string name;
  std::vector<std::string> versions;
  std::string preferred_version;
};

/// The server's /version.
struct ServerVersion {
  std::string major;
  std::string minor;
  std::string git_version;  // e.g. v1.20.2
  std::string platform;
};

/// Options of List.
struct ListOptions {
  std::string label_selector;  // e.g. "app=web,tier!=db"
  std::string field_selector;  // e.g. "metadata.name=x"
  int64_t page_size = 500;     // `limit` per request; pages follow `continue`
  std::string resource_version;
};

/// A List's items (apiVersion and kind filled in on each, which the server
/// leaves out) and the list's resourceVersion (to start a watch from).
struct ListResult {
  std::vector<yaml::Node> items;
  std::string resource_version;
};

/// Options of a server-side apply.
struct ApplyOptions {
  std::string field_manager = "ferry";
  bool force = false;    // take fields owned by other managers
  bool dry_run = false;  // dryRun=All: validated and defaulted, not stored
  std::string subresource;  // "" or e.g. "status"
};

/// Options of Create, Replace and Patch.
struct WriteOptions {
  std::string field_manager = "ferry";
  bool dry_run = false;
  std::string subresource;  // "" or "status", "scale"
};

/// The patch formats of Client::Patch (server-side apply has its own call).
enum class PatchType {
  kMerge,           // application/merge-patch+json (RFC 7386)
  kJson,            // application/json-patch+json (RFC 6902)
  kStrategicMerge,  // application/strategic-merge-patch+json (native kinds)
};

/// Options of Delete.
struct DeleteOptions {
  std::string propagation_policy;  // "", Background, Foreground, Orphan
  std::string precondition_uid;
  std::string precondition_resource_version;
  std::optional<int64_t> grace_period_seconds;
  bool dry_run = false;
};

/// A connection to one API server; cheap to copy (copies share the
/// connection, discovery cache and credentials).
class Client {
 public:
  Client() = default;  // not usable until Open
  ~Client();
  Client(const Client&);
  Client& operator=(const Client&);

  /// Makes a client for `config`; does not contact the server.
  static Status Open(const RestConfig& config, const ClientOptions& options,
                     Client* out);
  static Status Open(const RestConfig& config, Client* out) {
    return Open(config, ClientOptions(), out);
  }

  /// The same connection, sending impersonation headers on every request.
  Client Impersonating(const Impersonation& who) const;

  const RestConfig& config() const;
  /// The namespace used for a namespaced object that names none.
  const std::string& default_namespace() const;

  // --- Objects. `id` is group/version/kind + namespace + name; the
  // namespace is ignored for cluster-scoped kinds and defaults to
  // default_namespace() for namespaced ones. `out` may be nullptr.

  Status Get(const k8s::ResId& id, yaml::Node* out) const;
  /// Every object of a kind in `ns` ("" = all namespaces; ignored for
  /// cluster-scoped kinds), following `continue` across pages.
  Status List(const k8s::Gvk& gvk, std::string_view ns, const ListOptions& opts,
              ListResult* out) const;
  /// Server-side apply (PATCH application/apply-patch+yaml) of `obj`.
  Status Apply(const yaml::Node& obj, const ApplyOptions& opts,
               yaml::Node* out) const;
  /// POST of a new object (AlreadyExists when it is there).
  Status Create(const yaml::Node& obj, const WriteOptions& opts,
                yaml::Node* out) const;
  /// PUT of a whole object (Conflict when its resourceVersion is stale).
  Status Replace(const yaml::Node& obj, const WriteOptions& opts,
                 yaml::Node* out) const;
  /// PATCH with a merge, JSON or strategic-merge patch (`patch` is the
  /// patch document: a mapping, or a sequence of operations for kJson).
  Status Patch(const k8s::ResId& id, PatchType type, const yaml::Node& patch,
               const WriteOptions& opts, yaml::Node* out) const;
  /// DELETE; NotFound when already gone.
  Status Delete(const k8s::ResId& id, const DeleteOptions& opts) const;
  /// Starts watching a kind in `ns` (see kube/watch.h).
  Status Watch(const k8s::Gvk& gvk, std::string_view ns,
               const WatchOptions& opts,
               std::unique_ptr<WatchStream>* out) const;

  // --- Discovery, cached per Client (and its copies).

  /// The REST resource of a kind; on a miss the group/version is fetched
  /// again (a CRD applied since), then NoKindMatch.
  Status Mapping(const k8s::Gvk& gvk, RestMapping* out) const;
  /// Every group the server serves (/api and /apis).
  Status ServerGroups(std::vector<ApiGroup>* out) const;
  /// The resources of one group/version ("v1", "apps/v1"), subresources
  /// ("deployments/status") left out.
  Status ServerResources(std::string_view group_version,
                         std::vector<RestMapping>* out) const;
  /// Forgets what discovery learnt (e.g. after CRDs were applied).
  void InvalidateDiscovery() const;
  Status GetServerVersion(ServerVersion* out) const;

  /// A raw GET of `path` (e.g. "/readyz"), the body as text.
  Status RawGet(std::string_view path, std::string* body) const;

 private:
  std::shared_ptr<ClientImpl> impl_;
  std::shared_ptr<const Impersonation> as_;
};

/// The id of an object: its apiVersion, kind, metadata.namespace and name.
k8s::ResId IdOf(const yaml::Node& obj);
/// "Kind ns/name" (or "Kind name" for no namespace), as errors name objects.
std::string Describe(const k8s::ResId& id);

}  // namespace ferry::kube

#endif  // FERRY_KUBE_CLIENT_H_
