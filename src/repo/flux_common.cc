#include "repo/flux_common.h"

namespace ferry::repo {

std::string_view ObjectMeta::Group() const {
  std::string_view v = api_version;
  size_t slash = v.find('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : v.substr(0, slash);
}

std::string_view ObjectMeta::Version() const {
  std::string_view v = api_version;
  size_t slash = v.find('/');
  return slash == std::string_view::npos ? v : v.substr(slash + 1);
}

std::string ObjectMeta::Key() const {
  return namespace_.empty() ? name : namespace_ + "/" + name;
}

yaml::Mark ObjectMeta::MarkOf(
    std::initializer_list<std::string_view> path) const {
  const yaml::Node* n = &node;
  yaml::Mark m = node.mark();
  for (std::string_view key : path) {
    if (!n->IsMap()) break;
    const yaml::Node* next = n->Get(key);
    if (!next) break;
    n = next;
    m = next->mark();
  }
  return m;
}

}  // namespace ferry::repo
