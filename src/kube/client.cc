// Client: opening, impersonation, discovery and the object operations.
#include "kube/client.h"

#include <fmt/format.h>

#include "kube/client_impl.h"
#include "kube/errors.h"
#include "yaml/emit.h"

namespace ferry::kube {
namespace {

// Prefixes an error that does not name the object yet (e.g. NoKindMatch).
Status About(const std::string& subject, Status st) {
  if (st.ok() || st.message().rfind(subject, 0) == 0) return st;
  return MakeError(ReasonOf(st), fmt::format("{}: {}", subject, st.message()));
}

std::string Json(const yaml::Node& n) {
  std::string s;
  yaml::EmitJson(n, &s);
  return s;
}

void AddQuery(std::string* path, std::string_view key, std::string_view value) {
  path->push_back(path->find('?') == std::string::npos ? '?' : '&');
  path->append(key);
  path->push_back('=');
  path->append(Escape(value));
}

Status CheckObject(const yaml::Node& obj, bool need_name, const k8s::ResId& id) {
  if (!obj.IsMap()) return MakeError(Reason::kInvalid, "object is not a mapping");
  if (id.gvk.kind.empty() || id.gvk.version.empty())
    return MakeError(Reason::kInvalid,
                     fmt::format("{}: object has no {}", Describe(id),
                                 id.gvk.kind.empty() ? "kind" : "apiVersion"));
  if (need_name && id.name.empty())
    return MakeError(Reason::kInvalid,
                     fmt::format("{}: object has no metadata.name", Describe(id)));
  return Status::Ok();
}

}  // namespace

k8s::ResId IdOf(const yaml::Node& obj) { return k8s::ResId::FromNode(obj); }

std::string Describe(const k8s::ResId& id) {
  std::string kind = id.gvk.kind.empty() ? "object" : id.gvk.kind;
  if (id.name.empty()) return id.ns.empty() ? kind : fmt::format("{} in {}", kind, id.ns);
  if (id.ns.empty()) return fmt::format("{} {}", kind, id.name);
  return fmt::format("{} {}/{}", kind, id.ns, id.name);
}

Client::~Client() = default;
Client::Client(const Client&) = default;
Client& Client::operator=(const Client&) = default;

Status Client::Open(const RestConfig& config, const ClientOptions& options, Client* out) {
  if (config.cluster.server.empty())
    return MakeError(Reason::kConfig, fmt::format("{}: no server is set", config.source));
  out->impl_ = std::make_shared<ClientImpl>(config, options);
  out->as_.reset();
  return Status::Ok();
}

Client Client::Impersonating(const Impersonation& who) const {
  Client c = *this;
  c.as_ = who.empty() ? nullptr : std::make_shared<const Impersonation>(who);
  return c;
}

const RestConfig& Client::config() const { return impl_->config(); }
const std::string& Client::default_namespace() const { return impl_->config().ns; }

Status Client::Get(const k8s::ResId& id, yaml::Node* out) const {
  std::string subject = Describe(id);
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   id.name, "", &req.path, &m)));
  if (id.name.empty()) return MakeError(Reason::kInvalid, subject + ": no name given");
  req.subject = subject;
  req.as = as_.get();
  return impl_->DoJson(req, out);
}

Status Client::List(const k8s::Gvk& gvk, std::string_view ns, const ListOptions& opts,
                    ListResult* out) const {
  std::string subject = ns.empty() ? fmt::format("list of {}", gvk.kind)
                                   : fmt::format("list of {} in {}", gvk.kind, ns);
  std::string base;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(gvk, ns, "", "", &base, &m)));
  *out = ListResult();
  std::string cont;
  bool restarted = false;
  while (true) {
    ApiRequest req;
    req.path = base;
    req.subject = subject;
    req.as = as_.get();
    if (!opts.label_selector.empty()) AddQuery(&req.path, "labelSelector", opts.label_selector);
    if (!opts.field_selector.empty()) AddQuery(&req.path, "fieldSelector", opts.field_selector);
    if (opts.page_size > 0) AddQuery(&req.path, "limit", std::to_string(opts.page_size));
    if (!cont.empty()) AddQuery(&req.path, "continue", cont);
    else if (!opts.resource_version.empty())
      AddQuery(&req.path, "resourceVersion", opts.resource_version);
    yaml::Node page;
    Status st = impl_->DoJson(req, &page);
    if (IsGone(st) && !cont.empty() && !restarted) {
      // The continue token expired: list again from the start.
      restarted = true;
      cont.clear();
      out->items.clear();
      continue;
    }
    FERRY_RETURN_IF_ERROR(st);
    if (yaml::Node* items = page.Get("items"); items && items->IsSeq()) {
      for (yaml::Node& it : items->items()) {
        yaml::Node obj = yaml::Node::Map();
        obj.Set("apiVersion", yaml::Node::Str(gvk.ApiVersion()));
        obj.Set("kind", yaml::Node::Str(gvk.kind));
        for (yaml::Pair& p : it.pairs())
          if (p.key.value() != "apiVersion" && p.key.value() != "kind")
            obj.pairs().push_back(std::move(p));
        out->items.push_back(std::move(obj));
      }
    }
    out->resource_version = std::string(page.GetPath({"metadata"}) ?
        page.GetPath({"metadata"})->GetString("resourceVersion") : "");
    const yaml::Node* md = page.Get("metadata");
    cont = md ? std::string(md->GetString("continue")) : "";
    if (cont.empty()) return Status::Ok();
  }
}

Status Client::Apply(const yaml::Node& obj, const ApplyOptions& opts, yaml::Node* out) const {
  k8s::ResId id = IdOf(obj);
  FERRY_RETURN_IF_ERROR(CheckObject(obj, true, id));
  std::string subject = Describe(id);
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   id.name, opts.subresource, &req.path, &m)));
  AddQuery(&req.path, "fieldManager", opts.field_manager.empty() ? "ferry" : opts.field_manager);
  if (opts.force) AddQuery(&req.path, "force", "true");
  if (opts.dry_run) AddQuery(&req.path, "dryRun", "All");
  req.method = "PATCH";
  req.content_type = "application/apply-patch+yaml";
  req.body = Json(obj);
  req.subject = subject;
  req.as = as_.get();
  req.server_side_apply = true;
  req.idempotent = true;
  return impl_->DoJson(req, out);
}

Status Client::Create(const yaml::Node& obj, const WriteOptions& opts, yaml::Node* out) const {
  k8s::ResId id = IdOf(obj);
  FERRY_RETURN_IF_ERROR(CheckObject(obj, false, id));
  std::string subject = Describe(id);
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   "", "", &req.path, &m)));
  if (!opts.subresource.empty()) {
    if (id.name.empty()) return MakeError(Reason::kInvalid, subject + ": no name given");
    req.path += "/" + Escape(id.name) + "/" + opts.subresource;
  }
  if (!opts.field_manager.empty()) AddQuery(&req.path, "fieldManager", opts.field_manager);
  if (opts.dry_run) AddQuery(&req.path, "dryRun", "All");
  req.method = "POST";
  req.content_type = "application/json";
  req.body = Json(obj);
  req.subject = subject;
  req.as = as_.get();
  req.idempotent = false;
  return impl_->DoJson(req, out);
}

Status Client::Replace(const yaml::Node& obj, const WriteOptions& opts, yaml::Node* out) const {
  k8s::ResId id = IdOf(obj);
  FERRY_RETURN_IF_ERROR(CheckObject(obj, true, id));
  std::string subject = Describe(id);
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   id.name, opts.subresource, &req.path, &m)));
  if (!opts.field_manager.empty()) AddQuery(&req.path, "fieldManager", opts.field_manager);
  if (opts.dry_run) AddQuery(&req.path, "dryRun", "All");
  req.method = "PUT";
  req.content_type = "application/json";
  req.body = Json(obj);
  req.subject = subject;
  req.as = as_.get();
  return impl_->DoJson(req, out);
}

Status Client::Patch(const k8s::ResId& id, PatchType type, const yaml::Node& patch,
                     const WriteOptions& opts, yaml::Node* out) const {
  std::string subject = Describe(id);
  if (id.name.empty()) return MakeError(Reason::kInvalid, subject + ": no name given");
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   id.name, opts.subresource, &req.path, &m)));
  if (!opts.field_manager.empty()) AddQuery(&req.path, "fieldManager", opts.field_manager);
  if (opts.dry_run) AddQuery(&req.path, "dryRun", "All");
  req.method = "PATCH";
  switch (type) {
    case PatchType::kMerge: req.content_type = "application/merge-patch+json"; break;
    case PatchType::kJson: req.content_type = "application/json-patch+json"; break;
    case PatchType::kStrategicMerge:
      req.content_type = "application/strategic-merge-patch+json";
      break;
  }
  req.idempotent = type != PatchType::kJson;
  req.body = Json(patch);
  req.subject = subject;
  req.as = as_.get();
  return impl_->DoJson(req, out);
}

Status Client::Delete(const k8s::ResId& id, const DeleteOptions& opts) const {
  std::string subject = Describe(id);
  if (id.name.empty()) return MakeError(Reason::kInvalid, subject + ": no name given");
  ApiRequest req;
  RestMapping m;
  FERRY_RETURN_IF_ERROR(About(subject, impl_->Path(id.gvk, id.ns.empty() ? default_namespace() : id.ns,
                                                   id.name, "", &req.path, &m)));
  yaml::Node body = yaml::Node::Map();
  body.Set("apiVersion", yaml::Node::Str("v1"));
  body.Set("kind", yaml::Node::Str("DeleteOptions"));
  if (!opts.propagation_policy.empty())
    body.Set("propagationPolicy", yaml::Node::Str(opts.propagation_policy));
  if (!opts.precondition_uid.empty() || !opts.precondition_resource_version.empty()) {
    yaml::Node& pre = body.GetOrAddMap("preconditions");
    if (!opts.precondition_uid.empty()) pre.Set("uid", yaml::Node::Str(opts.precondition_uid));
    if (!opts.precondition_resource_version.empty())
      pre.Set("resourceVersion", yaml::Node::Str(opts.precondition_resource_version));
  }
  if (opts.grace_period_seconds)
    body.Set("gracePeriodSeconds", yaml::Node::Plain(std::to_string(*opts.grace_period_seconds)));
  if (opts.dry_run) {
    yaml::Node dr = yaml::Node::Seq();
    dr.Append(yaml::Node::Str("All"));
    body.Set("dryRun", std::move(dr));
  }
  req.method = "DELETE";
  req.content_type = "application/json";
  req.body = Json(body);
  req.subject = subject;
  req.as = as_.get();
  return impl_->Do(req, nullptr);
}

Status Client::Mapping(const k8s::Gvk& gvk, RestMapping* out) const {
  return impl_->Mapping(gvk, out);
}

Status Client::ServerGroups(std::vector<ApiGroup>* out) const { return impl_->Groups(out); }

Status Client::ServerResources(std::string_view group_version,
                               std::vector<RestMapping>* out) const {
  return impl_->Resources(std::string(group_version), out);
}

void Client::InvalidateDiscovery() const { impl_->Invalidate(); }

Status Client::GetServerVersion(ServerVersion* out) const {
  ApiRequest req;
  req.path = "/version";
  req.subject = "server version";
  req.as = as_.get();
  yaml::Node v;
  FERRY_RETURN_IF_ERROR(impl_->DoJson(req, &v));
  out->major = std::string(v.GetString("major"));
  out->minor = std::string(v.GetString("minor"));
  out->git_version = std::string(v.GetString("gitVersion"));
  out->platform = std::string(v.GetString("platform"));
  return Status::Ok();
}

Status Client::RawGet(std::string_view path, std::string* body) const {
  ApiRequest req;
  req.path = std::string(path);
  req.subject = fmt::format("GET {}", path);
  req.as = as_.get();
  return impl_->Do(req, body);
}

}  // namespace ferry::kube
