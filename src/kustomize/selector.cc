#include "kustomize/selector.h"

#include <re2/re2.h>

#include "yaml/parse.h"

namespace ferry::kustomize {

struct Selector::Impl {
  std::unique_ptr<RE2> group, version, kind, name, ns;
  std::vector<std::vector<std::string>> labels, annotations;
};

Selector::Selector() : impl_(new Impl) {}
Selector::~Selector() = default;
Selector::Selector(Selector&&) noexcept = default;
Selector& Selector::operator=(Selector&&) noexcept = default;

namespace {

Status Compile(const yaml::Node& target, std::string_view field,
               std::unique_ptr<RE2>* out) {
  const yaml::Node* n = target.Get(field);
  if (!n || !n->IsScalar() || n->value().empty()) return Status::Ok();
  auto re = std::make_unique<RE2>("^(?:" + n->value() + ")$", RE2::Quiet);
  if (!re->ok())
    return yaml::ErrorAt(*n, "invalid regular expression '" + n->value() +
                                 "': " + re->error());
  *out = std::move(re);
  return Status::Ok();
}

bool Match(const std::unique_ptr<RE2>& re, std::string_view s) {
  return !re || RE2::FullMatch(s, *re);
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

// Each requirement is {op, key, values...} with op one of
// "exists", "!exists", "=", "!=", "in", "notin".
Status ParseLabelSelector(std::string_view expr,
                          std::vector<std::vector<std::string>>* reqs) {
  size_t i = 0;
  while (i < expr.size()) {
    // Split at the next comma that is not inside parentheses.
    size_t depth = 0, j = i;
    for (; j < expr.size(); ++j) {
      if (expr[j] == '(') ++depth;
      if (expr[j] == ')' && depth > 0) --depth;
      if (expr[j] == ',' && depth == 0) break;
    }
    std::string part = Trim(expr.substr(i, j - i));
    i = j + 1;
    if (part.empty()) continue;
    std::vector<std::string> req;
    size_t sp;
    if (part[0] == '!') {
      req = {"!exists", Trim(part.substr(1))};
    } else if ((sp = part.find("!=")) != std::string::npos) {
      req = {"!=", Trim(part.substr(0, sp)), Trim(part.substr(sp + 2))};
    } else if ((sp = part.find("==")) != std::string::npos) {
      req = {"=", Trim(part.substr(0, sp)), Trim(part.substr(sp + 2))};
    } else if ((sp = part.find('=')) != std::string::npos) {
      req = {"=", Trim(part.substr(0, sp)), Trim(part.substr(sp + 1))};
    } else if (size_t open = part.find('('); open != std::string::npos) {
      std::string head = Trim(part.substr(0, open));
      size_t close = part.rfind(')');
      if (close == std::string::npos || close < open)
        return Status::Error("invalid label selector '" + std::string(expr) +
                             "'");
      size_t ws = head.find_last_of(" \t");
      if (ws == std::string::npos)
        return Status::Error("invalid label selector '" + std::string(expr) +
                             "'");
      std::string op = Trim(head.substr(ws + 1));
      if (op != "in" && op != "notin")
        return Status::Error("invalid label selector operator '" + op + "'");
      req = {op, Trim(head.substr(0, ws))};
      std::string_view vals(part);
      vals = vals.substr(open + 1, close - open - 1);
      size_t k = 0;
      while (k <= vals.size()) {
        size_t c = vals.find(',', k);
        if (c == std::string_view::npos) c = vals.size();
        req.push_back(Trim(vals.substr(k, c - k)));
        k = c + 1;
      }
    } else {
      req = {"exists", part};
    }
    reqs->push_back(std::move(req));
  }
  return Status::Ok();
}

bool MatchesLabelSelector(const std::vector<std::vector<std::string>>& reqs,
                          const yaml::Node* labels) {
  for (const auto& req : reqs) {
    const std::string& op = req[0];
    const yaml::Node* v =
        labels && labels->IsMap() ? labels->Get(req[1]) : nullptr;
    bool has = v != nullptr;
    std::string val = has ? v->value() : "";
    if (op == "exists" && !has) return false;
    if (op == "!exists" && has) return false;
    if (op == "=" && (!has || val != req[2])) return false;
    if (op == "!=" && has && val == req[2]) return false;
    if (op == "in" || op == "notin") {
      bool in = false;
      for (size_t i = 2; i < req.size(); ++i) in |= has && val == req[i];
      if (op == "in" && !in) return false;
      if (op == "notin" && in) return false;
    }
  }
  return true;
}

Status Selector::Parse(const yaml::Node& target, Selector* out) {
  if (!target.IsMap()) return yaml::ErrorAt(target, "target must be a mapping");
  Impl& s = *out->impl_;
  FERRY_RETURN_IF_ERROR(Compile(target, "group", &s.group));
  FERRY_RETURN_IF_ERROR(Compile(target, "version", &s.version));
  FERRY_RETURN_IF_ERROR(Compile(target, "kind", &s.kind));
  FERRY_RETURN_IF_ERROR(Compile(target, "name", &s.name));
  FERRY_RETURN_IF_ERROR(Compile(target, "namespace", &s.ns));
  if (const yaml::Node* l = target.Get("labelSelector")) {
    Status st = ParseLabelSelector(l->value(), &s.labels);
    if (!st.ok()) return yaml::ErrorAt(*l, st.message());
  }
  if (const yaml::Node* a = target.Get("annotationSelector")) {
    Status st = ParseLabelSelector(a->value(), &s.annotations);
    if (!st.ok()) return yaml::ErrorAt(*a, st.message());
  }
  return Status::Ok();
}

bool Selector::Matches(const Resource& r) const {
  const Impl& s = *impl_;
  k8s::ResId cur = r.CurId();
  k8s::ResId org = r.OrgId();
  if (!Match(s.ns, org.EffectiveNamespace()) &&
      !Match(s.ns, cur.EffectiveNamespace()))
    return false;
  if (!Match(s.name, org.name) && !Match(s.name, cur.name)) return false;
  if (!Match(s.group, cur.gvk.group) || !Match(s.version, cur.gvk.version) ||
      !Match(s.kind, cur.gvk.kind))
    return false;
  if (!s.labels.empty() &&
      !MatchesLabelSelector(s.labels, r.node.GetPath({"metadata", "labels"})))
    return false;
  if (!s.annotations.empty() &&
      !MatchesLabelSelector(s.annotations,
                            r.node.GetPath({"metadata", "annotations"})))
    return false;
  return true;
}

std::vector<size_t> Selector::Select(const ResMap& m) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < m.size(); ++i)
    if (Matches(m[i])) out.push_back(i);
  return out;
}

}  // namespace ferry::kustomize
