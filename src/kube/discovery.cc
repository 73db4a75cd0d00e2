// Discovery and the REST mapper: /api, /apis and each group/version, cached
// per Client; a kind missing from its cached group/version is looked up
// again once (a CRD may have been applied since).
#include <fmt/format.h>

#include "kube/client_impl.h"
#include "kube/errors.h"

namespace ferry::kube {
namespace {

std::string GvPath(const std::string& gv) {
  return (gv.find('/') == std::string::npos ? "/api/" : "/apis/") + gv;
}

}  // namespace

Status ClientImpl::FetchGv(const std::string& gv, GvEntry* out) {
  ApiRequest req;
  req.path = GvPath(gv);
  req.subject = fmt::format("discovery of {}", gv);
  yaml::Node doc;
  out->fetched = std::chrono::steady_clock::now();
  Status st = DoJson(req, &doc);
  if (IsNotFound(st)) {
    out->found = false;
    return Status::Ok();
  }
  FERRY_RETURN_IF_ERROR(st);
  out->found = true;
  size_t slash = gv.find('/');
  std::string group = slash == std::string::npos ? "" : gv.substr(0, slash);
  std::string version = slash == std::string::npos ? gv : gv.substr(slash + 1);
  const yaml::Node* list = doc.Get("resources");
  if (list == nullptr || !list->IsSeq()) return Status::Ok();
  for (const yaml::Node& r : list->items()) {
    std::string_view name = r.GetString("name");
    if (name.empty() || name.find('/') != std::string_view::npos) continue;
    RestMapping m;
    m.gvk = {group, version, std::string(r.GetString("kind"))};
    m.resource = std::string(name);
    m.namespaced = r.GetString("namespaced") == "true";
    if (const yaml::Node* v = r.Get("verbs"); v && v->IsSeq())
      for (const yaml::Node& x : v->items()) m.verbs.push_back(x.value());
    out->resources.push_back(std::move(m));
  }
  return Status::Ok();
}

Status ClientImpl::Mapping(const k8s::Gvk& gvk, RestMapping* out) {
  if (gvk.version.empty() || gvk.kind.empty())
    return MakeError(Reason::kInvalid,
                     fmt::format("object has no {}", gvk.kind.empty() ? "kind" : "apiVersion"));
  std::string gv = gvk.ApiVersion();
  auto asked = std::chrono::steady_clock::now();
  for (int pass = 0; pass < 2; ++pass) {
    std::shared_ptr<const GvEntry> e;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = gvs_.find(gv);
      if (it != gvs_.end()) e = it->second;
    }
    // Fetch when unknown, or (second pass) when the entry predates this call.
    if (!e || (pass == 1 && e->fetched < asked)) {
      auto fresh = std::make_shared<GvEntry>();
      FERRY_RETURN_IF_ERROR(FetchGv(gv, fresh.get()));
      std::lock_guard<std::mutex> lock(mu_);
      gvs_[gv] = fresh;
      e = fresh;
    }
    for (const RestMapping& m : e->resources) {
      if (m.gvk.kind == gvk.kind) {
        *out = m;
        return Status::Ok();
      }
    }
  }
  return MakeError(Reason::kNoKindMatch,
                   fmt::format("the server has no kind {} in {} (is its CustomResourceDefinition "
                               "installed and established?)",
                               gvk.kind, gv));
}

Status ClientImpl::Resources(const std::string& gv, std::vector<RestMapping>* out) {
  auto fresh = std::make_shared<GvEntry>();
  FERRY_RETURN_IF_ERROR(FetchGv(gv, fresh.get()));
  {
    std::lock_guard<std::mutex> lock(mu_);
    gvs_[gv] = fresh;
  }
  if (!fresh->found)
    return MakeError(Reason::kNotFound, fmt::format("the server does not serve {}", gv));
  *out = fresh->resources;
  return Status::Ok();
}

Status ClientImpl::Groups(std::vector<ApiGroup>* out) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (groups_) {
      *out = *groups_;
      return Status::Ok();
    }
  }
  auto groups = std::make_shared<std::vector<ApiGroup>>();
  ApiRequest req;
  req.path = "/api";
  req.subject = "discovery (/api)";
  yaml::Node core;
  FERRY_RETURN_IF_ERROR(DoJson(req, &core));
  ApiGroup cg;
  if (const yaml::Node* v = core.Get("versions"); v && v->IsSeq())
    for (const yaml::Node& x : v->items()) cg.versions.push_back(x.value());
  if (!cg.versions.empty()) cg.preferred_version = cg.versions.front();
  groups->push_back(std::move(cg));
  req.path = "/apis";
  req.subject = "discovery (/apis)";
  yaml::Node apis;
  FERRY_RETURN_IF_ERROR(DoJson(req, &apis));
  if (const yaml::Node* list = apis.Get("groups"); list && list->IsSeq()) {
    for (const yaml::Node& g : list->items()) {
      ApiGroup ag;
      ag.name = std::string(g.GetString("name"));
      if (const yaml::Node* v = g.Get("versions"); v && v->IsSeq())
        for (const yaml::Node& x : v->items()) ag.versions.emplace_back(x.GetString("version"));
      if (const yaml::Node* p = g.Get("preferredVersion"); p && p->IsMap())
        ag.preferred_version = std::string(p->GetString("version"));
      groups->push_back(std::move(ag));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  groups_ = groups;
  *out = *groups;
  return Status::Ok();
}

void ClientImpl::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  gvs_.clear();
  groups_.reset();
}

Status ClientImpl::Path(const k8s::Gvk& gvk, std::string_view ns, std::string_view name,
                        std::string_view subresource, std::string* path,
                        RestMapping* mapping) {
  FERRY_RETURN_IF_ERROR(Mapping(gvk, mapping));
  std::string p = GvPath(gvk.ApiVersion());
  if (mapping->namespaced && !ns.empty()) p += "/namespaces/" + Escape(ns);
  p += "/" + mapping->resource;
  if (!name.empty()) p += "/" + Escape(name);
  if (!subresource.empty()) p += "/" + std::string(subresource);
  *path = std::move(p);
  return Status::Ok();
}

}  // namespace ferry::kube
