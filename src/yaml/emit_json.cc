// JSON output of a Node tree: scalars typed as kustomize types them, keys in
// byte order as Go's encoding/json writes a map.
#include <algorithm>
#include <cstdio>

#include "yaml/emit.h"
#include "yaml/resolve.h"

namespace ferry::yaml {
namespace {

void JsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void Newline(std::string* out, int indent) {
  out->push_back('\n');
  out->append(indent, ' ');
}

}  // namespace

void EmitJson(const Node& n, std::string* out, int indent) {
  if (n.IsMap()) {
    if (n.pairs().empty()) {
      out->append("{}");
      return;
    }
    std::vector<const Pair*> sorted;
    for (const Pair& p : n.pairs()) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Pair* a, const Pair* b) {
      return a->key.value() < b->key.value();
    });
    out->push_back('{');
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (i) out->push_back(',');
      Newline(out, indent + 2);
      JsonString(sorted[i]->key.value(), out);
      out->append(": ");
      EmitJson(sorted[i]->value, out, indent + 2);
    }
    Newline(out, indent);
    out->push_back('}');
  } else if (n.IsSeq()) {
    if (n.items().empty()) {
      out->append("[]");
      return;
    }
    out->push_back('[');
    for (size_t i = 0; i < n.items().size(); ++i) {
      if (i) out->push_back(',');
      Newline(out, indent + 2);
      EmitJson(n.items()[i], out, indent + 2);
    }
    Newline(out, indent);
    out->push_back(']');
  } else if (n.IsNull()) {
    out->append("null");
  } else {
    Resolved r = ResolveForOutput(n);
    if (r.type == ScalarType::kString)
      JsonString(r.text, out);
    else
      out->append(r.text);
  }
}

}  // namespace ferry::yaml
